namespace DitCloud.Outcomes.Api.Tests;

internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Polls until the condition holds; fails saying what was awaited and what was last seen.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: still {value} after {(timeout ?? Timeout).TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }
}
