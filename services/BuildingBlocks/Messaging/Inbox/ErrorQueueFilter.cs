using MassTransit;

namespace DitCloud.Messaging.Inbox;

/// <summary>
/// In each endpoint's error pipe, around MassTransit's move of a message that failed all its retries to
/// the endpoint's "_error" queue: the message takes its failure's error id along as a header
/// (<see cref="ConsumerFailure.ErrorIdHeader"/>), and once moved it is counted as dead-lettered.
/// </summary>
internal sealed class ErrorQueueFilter(MessagingMetrics metrics) : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (ConsumerFailure.ErrorIdOf(context.Exception) is { } errorId) context.ExceptionHeaders.Set(ConsumerFailure.ErrorIdHeader, errorId);
        await next.Send(context);
        metrics.DeadLettered(MessageType(context), context.InputAddress.Segments[^1]);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("errorQueue");

    /// <summary>
    /// The failed consumer's message type without its namespace, as the other messaging labels name it;
    /// "unknown" for a message that failed before any consumer saw it (one that could not be read).
    /// </summary>
    private static string MessageType(ExceptionReceiveContext context) =>
        context.TryGetPayload(out ConsumerFaultContext? fault) && !string.IsNullOrEmpty(fault.MessageType)
            ? fault.MessageType[(fault.MessageType.LastIndexOfAny(['.', ':', '+']) + 1)..]
            : "unknown";
}
