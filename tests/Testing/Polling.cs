namespace DitCloud.Testing;

/// <summary>
/// Waiting for what another process, a broker or a background loop does: the read is repeated until
/// its result satisfies the test, and a timeout fails saying what was awaited and what was last seen.
/// </summary>
public static class Polling
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: still {value} after {timeout.TotalSeconds:0} s");
            await Task.Delay(interval, cancellationToken);
        }
    }
}
