namespace DitCloud.Outcomes.Api.Tests;

internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Polls until the condition holds; fails saying what was awaited and what was last seen.</summary>
    public static Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        DitCloud.Testing.Polling.UntilAsync(read, done, what, timeout ?? Timeout, TimeSpan.FromMilliseconds(50));
}
