using System.Threading.Channels;

namespace DitCloud.Formulation.Api.Watch;

/// <summary>One watcher's queue of matching changes. A watcher that falls too far behind is ended rather than fed a stream with gaps.</summary>
public sealed class FeedWatcher(FormulationChangeFeed feed, Func<FormulationFeedEntry, bool> matches) : IDisposable
{
    private const int Capacity = 1024;

    private readonly Channel<FormulationFeedEntry> entries = Channel.CreateBounded<FormulationFeedEntry>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<FormulationFeedEntry> Entries => entries.Reader;

    internal void Offer(FormulationFeedEntry entry)
    {
        if (matches(entry) && !entries.Writer.TryWrite(entry)) Interrupt($"more than {Capacity} changes were waiting to be sent");
    }

    internal void Interrupt(string why) => entries.Writer.TryComplete(new FeedInterruptedException(why));

    public void Dispose()
    {
        feed.Remove(this);
        entries.Writer.TryComplete();
    }
}

/// <summary>The feed could not guarantee a gap-free stream; the watcher must reconnect and read again.</summary>
public sealed class FeedInterruptedException(string message) : Exception(message);
