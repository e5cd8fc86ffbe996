using System.Collections.Concurrent;
using DitCloud.Contracts.Events.V1;
using DitCloud.Referral.V1;
using DitCloud.Testing;
using MassTransit;
using static DitCloud.Referral.Api.Tests.TestSupport;
using DeliveryModeCode = DitCloud.Contracts.Events.V1.DeliveryMode;
using SignpostCode = DitCloud.Contracts.Events.V1.SignpostDestination;
using WithdrawalCode = DitCloud.Contracts.Events.V1.WithdrawalReason;

namespace DitCloud.Referral.Api.Tests;

/// <summary>The service's events, consumed from RabbitMQ by a bus of the test's own on the same virtual host.</summary>
public sealed class EventsTests(EventsTests.ServiceWithConsumer service) : IClassFixture<EventsTests.ServiceWithConsumer>
{
    public sealed class ServiceWithConsumer(TestServers servers) : ReferralServiceFixture(servers)
    {
        private IBusControl? bus;

        /// <summary>Every event consumed, with the message id it arrived under.</summary>
        public ConcurrentQueue<(Guid? MessageId, IIntegrationEvent Event)> Consumed { get; } = new();

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
            {
                rabbit.Host(new Uri(Broker));
                rabbit.ReceiveEndpoint("referral-events-test", queue =>
                {
                    queue.Handler<ReferralReceived>(Record);
                    queue.Handler<ReferralAccepted>(Record);
                    queue.Handler<ReferralDeclined>(Record);
                    queue.Handler<ReferralWithdrawn>(Record);
                });
            });
            await bus.StartAsync(TestContext.Current.CancellationToken);
        }

        public override async ValueTask DisposeAsync()
        {
            if (bus is not null) await bus.StopAsync();
            await base.DisposeAsync();
        }

        private Task Record<T>(ConsumeContext<T> context) where T : class, IIntegrationEvent
        {
            Consumed.Enqueue((context.MessageId, context.Message));
            return Task.CompletedTask;
        }

        public Task<List<IIntegrationEvent>> EventsForAsync(Guid referralId, int count) => Eventually(
            () => Task.FromResult(Consumed.Select(c => c.Event).Where(e => ReferralIdOf(e) == referralId).ToList()),
            events => events.Count >= count,
            $"{count} events of referral {referralId}");

        private static Guid ReferralIdOf(IIntegrationEvent e) => e switch
        {
            ReferralReceived r => r.ReferralId,
            ReferralAccepted a => a.ReferralId,
            ReferralDeclined d => d.ReferralId,
            ReferralWithdrawn w => w.ReferralId,
            _ => Guid.Empty,
        };
    }

    private readonly ReferralService.ReferralServiceClient partner = service.Client(TestCaller.Partner("partner-events"));
    private readonly ReferralService.ReferralServiceClient clinician = service.Client(TestCaller.Clinician("clinician-events"));

    [Fact]
    public async Task Received_then_accepted_carry_what_scheduling_needs_and_no_personal_data()
    {
        var referral = (await partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral;
        await clinician.ScreenReferralAsync(new() { ReferralId = referral.ReferralId, Decision = Requests.Suitable() }, cancellationToken: Cancel);
        var accepted = (await clinician.AcceptReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel)).Referral;
        var id = Guid.Parse(referral.ReferralId);

        var events = await service.EventsForAsync(id, 2);

        var received = events[0].ShouldBeOfType<ReferralReceived>();
        (received.PartnerId, received.PatientReference, received.OccurredAt).ShouldBe(
            ("partner-events", Guid.Parse(referral.PatientReference), referral.ReceiveTime.ToDateTimeOffset()));
        var acceptance = events[1].ShouldBeOfType<ReferralAccepted>();
        acceptance.PatientReference.ShouldBe(Guid.Parse(referral.PatientReference));
        acceptance.ReceivedAt.ShouldBe(referral.ReceiveTime.ToDateTimeOffset());
        acceptance.AcceptedAt.ShouldBe(accepted.UpdateTime.ToDateTimeOffset());
        acceptance.PreferredDeliveryMode.ShouldBe(DeliveryModeCode.Video);
        service.Consumed.Where(c => events.Contains(c.Event)).ShouldAllBe(c => c.MessageId == c.Event.EventId, "the event id is the message id consumers deduplicate by");
        events.Select(e => e.ToString()!).ShouldAllBe(text => Requests.PersonalData.All(personal => !text.Contains(personal)));
    }

    [Fact]
    public async Task Declined_and_withdrawn_carry_their_codes()
    {
        var declined = (await partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral;
        await clinician.ScreenReferralAsync(new() { ReferralId = declined.ReferralId, Decision = Requests.NotSuitable(V1.SignpostDestination.InterpersonalPsychotherapy) }, cancellationToken: Cancel);
        await clinician.DeclineReferralAsync(new() { ReferralId = declined.ReferralId }, cancellationToken: Cancel);
        var withdrawn = (await partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral;
        await partner.WithdrawReferralAsync(new() { ReferralId = withdrawn.ReferralId, Reason = V1.WithdrawalReason.PatientNotContactable }, cancellationToken: Cancel);

        var declineEvents = await service.EventsForAsync(Guid.Parse(declined.ReferralId), 2);
        var withdrawEvents = await service.EventsForAsync(Guid.Parse(withdrawn.ReferralId), 2);

        declineEvents[1].ShouldBeOfType<ReferralDeclined>().Signpost.ShouldBe(SignpostCode.InterpersonalPsychotherapy);
        withdrawEvents[1].ShouldBeOfType<ReferralWithdrawn>().Reason.ShouldBe(WithdrawalCode.PatientNotContactable);
        declineEvents.Count.ShouldBe(2, "screening publishes no event");
    }

    [Fact]
    public async Task A_retry_publishes_nothing_more()
    {
        var request = Requests.Submission();
        var first = await partner.SubmitReferralAsync(request, cancellationToken: Cancel);
        await partner.SubmitReferralAsync(request, cancellationToken: Cancel);
        await partner.WithdrawReferralAsync(new() { ReferralId = first.Referral.ReferralId, Reason = V1.WithdrawalReason.Other }, cancellationToken: Cancel);

        var events = await service.EventsForAsync(Guid.Parse(first.Referral.ReferralId), 2);

        events.Select(e => e.GetType()).ShouldBe([typeof(ReferralReceived), typeof(ReferralWithdrawn)]);
    }
}

/// <summary>
/// With no broker to publish to, changes still commit and their events wait in the outbox, each keyed
/// by its referral so the relay publishes one referral's events in order once the broker is back.
/// </summary>
public sealed class OutboxTests(OutboxTests.ServiceWithoutBroker service) : IClassFixture<OutboxTests.ServiceWithoutBroker>
{
    public sealed class ServiceWithoutBroker(TestServers servers) : ReferralServiceFixture(servers)
    {
        // Nothing listens on the port: the bus keeps trying to connect in the background.
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            [new("ConnectionStrings:bus", $"amqp://guest:guest@127.0.0.1:{DitCloud.Hosting.Servers.LoopbackPort.Free()}/")];
    }

    [Fact]
    public async Task Events_wait_in_the_outbox_in_order_keyed_by_referral()
    {
        var partner = service.Client(TestCaller.Partner("partner-outbox"));
        var clinician = service.Client(TestCaller.Clinician("clinician-outbox"));
        var referral = (await partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral;
        await clinician.ScreenReferralAsync(new() { ReferralId = referral.ReferralId, Decision = Requests.Suitable() }, cancellationToken: Cancel);
        await clinician.AcceptReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel);

        var outbox = await service.QueryAsync("SELECT message_type, partition_key, body::text AS body FROM outbox_messages ORDER BY sequence_number");

        outbox.Select(m => ((string)m["message_type"]!).Split(',')[0]).ShouldBe(
            ["DitCloud.Contracts.Events.V1.ReferralReceived", "DitCloud.Contracts.Events.V1.ReferralAccepted"]);
        outbox.ShouldAllBe(m => (string)m["partition_key"]! == referral.ReferralId);
        outbox.Select(m => (string)m["body"]!).ShouldAllBe(body => Requests.PersonalData.All(personal => !body.Contains(personal)));
    }
}
