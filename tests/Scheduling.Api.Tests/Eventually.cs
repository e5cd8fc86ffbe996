namespace DitCloud.Scheduling.Api.Tests;

internal static class Eventually
{
    /// <summary>Polls until the condition holds; fails saying what was awaited if it never does.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: not reached in {seconds} s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
