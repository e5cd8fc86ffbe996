namespace DitCloud.Formulation.Api.Tests;

internal static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Polls until the condition holds; fails with what was last seen if it never does.</summary>
    public static Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        DitCloud.Testing.Polling.UntilAsync(read, done, what, timeout ?? DefaultTimeout, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
}
