using Grpc.Core;

namespace DitCloud.SystemTests;

/// <summary>Reads that succeed once an event has crossed the broker: until then the service answers with one of the given statuses.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    public static async Task<T> SucceedsAsync<T>(Func<Task<T>> call, TimeSpan? timeout = null, params StatusCode[] whileStatus)
    {
        StatusCode[] waitable = whileStatus.Length > 0 ? whileStatus : [StatusCode.NotFound];
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (waitable.Contains(e.StatusCode) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Repeats the read until <paramref name="done"/> holds for its result.</summary>
    public static Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        DitCloud.Testing.Polling.UntilAsync(read, done, what, timeout ?? DefaultTimeout, TimeSpan.FromMilliseconds(250));
}
