using System.Diagnostics.Metrics;
using DitCloud.Referral.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static DitCloud.Referral.Api.Tests.TestSupport;

namespace DitCloud.Referral.Api.Tests;

/// <summary>
/// dit.referral.referrals through real calls: each change counted once it has committed, labelled with
/// the change (and a decline's signpost) only. The service is this class's own, so nothing else counts.
/// </summary>
public sealed class MetricsTests(ReferralServiceFixture service) : IClassFixture<ReferralServiceFixture>
{
    private readonly ReferralService.ReferralServiceClient partner = service.Client(TestCaller.Partner("partner-metrics"));
    private readonly ReferralService.ReferralServiceClient clinician = service.Client(TestCaller.Clinician("clinician-metrics"));

    private MetricCollector<long> Referrals() =>
        new(service.Host.Services.GetRequiredService<IMeterFactory>(), "DitCloud.Referral", "dit.referral.referrals");

    [Fact]
    public async Task A_new_referral_is_counted_as_received_once_and_a_partners_retry_is_not()
    {
        using var referrals = Referrals();
        var submission = Requests.Submission();

        var referral = (await partner.SubmitReferralAsync(submission, cancellationToken: Cancel)).Referral;
        await partner.SubmitReferralAsync(submission, cancellationToken: Cancel);

        LabelsOf(referrals, referral).ShouldBe([Labels(("dit.referral.change", "received"))]);
    }

    [Fact]
    public async Task An_accepted_referral_is_counted_as_accepted()
    {
        var referral = (await partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral;
        await clinician.ScreenReferralAsync(new() { ReferralId = referral.ReferralId, Decision = Requests.Suitable() }, cancellationToken: Cancel);
        using var referrals = Referrals();

        await clinician.AcceptReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel);

        LabelsOf(referrals, referral).ShouldBe([Labels(("dit.referral.change", "accepted"))]);
    }

    [Fact]
    public async Task A_declined_referral_is_counted_with_where_the_patient_was_signposted_and_a_refused_decline_is_not()
    {
        var referral = (await partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral;
        using var referrals = Referrals();
        await clinician.DeclineReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel)
            .FailsWith(StatusCode.FailedPrecondition);
        await clinician.ScreenReferralAsync(new()
        {
            ReferralId = referral.ReferralId, Decision = Requests.NotSuitable(SignpostDestination.CounsellingForDepression),
        }, cancellationToken: Cancel);

        await clinician.DeclineReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel);

        LabelsOf(referrals, referral).ShouldBe(
            [Labels(("dit.referral.change", "declined"), ("dit.referral.signpost_destination", "counselling_for_depression"))]);
    }

    /// <summary>Each measurement's labels, having checked that each counted one and that none names the referral or its patient.</summary>
    private static List<string> LabelsOf(MetricCollector<long> collector, V1.Referral referral)
    {
        var measurements = collector.GetMeasurementSnapshot();
        measurements.ShouldAllBe(m => m.Value == 1);
        var labels = measurements.Select(m => Labels([.. m.Tags.Select(tag => (tag.Key, tag.Value?.ToString() ?? ""))])).ToList();
        foreach (var text in labels)
        {
            text.ShouldNotContainPersonalData();
            text.ShouldNotContain(referral.ReferralId);
        }
        return labels;
    }

    private static string Labels(params (string Key, string Value)[] tags) =>
        string.Join(", ", tags.OrderBy(tag => tag.Key, StringComparer.Ordinal).Select(tag => $"{tag.Key}={tag.Value}"));
}
