using System.Runtime.ExceptionServices;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace DitCloud.Messaging.Inbox;

/// <summary>
/// The innermost step of each consumer's pipe. MassTransit records the exception that leaves a
/// consumer for its Fault&lt;T&gt; event before any endpoint filter sees it, so this is the one place
/// the failure can be handed over (<see cref="ConsumerFailure.HandOver"/>) before it is written down.
/// </summary>
internal sealed class ConsumerFailureFilter<TConsumer, TMessage>(ILogger logger) : IFilter<ConsumerConsumeContext<TConsumer, TMessage>>
    where TConsumer : class
    where TMessage : class
{
    public async Task Send(ConsumerConsumeContext<TConsumer, TMessage> context, IPipe<ConsumerConsumeContext<TConsumer, TMessage>> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Captured and thrown, so a failure handed over as it is keeps its own stack trace.
            ExceptionDispatchInfo.Throw(ConsumerFailure.HandOver(failure, typeof(TMessage).Name, context.GetRetryAttempt() + 1, logger));
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("consumerFailure");
}

/// <summary>Puts <see cref="ConsumerFailureFilter{TConsumer,TMessage}"/> into every consumer configured on an endpoint.</summary>
internal sealed class ConsumerFailureObserver(ILogger logger) : IConsumerConfigurationObserver
{
    public void ConsumerConfigured<TConsumer>(IConsumerConfigurator<TConsumer> configurator)
        where TConsumer : class
    {
    }

    public void ConsumerMessageConfigured<TConsumer, TMessage>(IConsumerMessageConfigurator<TConsumer, TMessage> configurator)
        where TConsumer : class
        where TMessage : class =>
        configurator.UseFilter(new ConsumerFailureFilter<TConsumer, TMessage>(logger));
}
