namespace DitCloud.Formulation.Api.Tests;

internal static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(45);

    /// <summary>Polls until the condition holds; fails with what was last seen if it never does.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: still {value} after {(timeout ?? DefaultTimeout).TotalSeconds:0} s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
