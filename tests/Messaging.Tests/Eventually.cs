namespace DitCloud.Messaging.Tests;

internal static class Eventually
{
    /// <summary>Polls until the condition holds; fails with what was last seen if it never does.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: still {(value is System.Collections.ICollection c ? $"{c.Count} items" : value)} after {timeout.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }
}
