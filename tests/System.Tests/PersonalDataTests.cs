using DitCloud.Referral.V1;
using DitCloud.Scheduling.V1;

namespace DitCloud.SystemTests;

/// <summary>
/// A patient's personal data never leaves a service as telemetry: after a journey carrying
/// unmistakable values (an NHS number, a family name, a sentence of clinical text) none of them
/// is anywhere in the raw bytes of any span, log record or metric point any replica exported.
/// </summary>
public sealed class PersonalDataTests(DitCloudSystem system)
{
    private const string NhsNumber = "9731058265"; // passes Modulus 11; used by no other test
    private const string FamilyName = "Quillfeatherbrook";
    private const string Reason = "Marker sentence: sleeps badly since the lighthouse at Varnholm closed";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_journey_with_marker_patient_data_exports_none_of_it_in_spans_logs_or_metrics()
    {
        NhsNumbers.WithCheckDigit(NhsNumber[..9]).ShouldBe(NhsNumber);
        var partner = await system.PartnerTokenAsync(system.PartnerA, gateway: 1);
        var clinician = await system.ClinicianTokenAsync("privacy-screener", "clinician");
        var referrals = new ReferralService.ReferralServiceClient(system.Gateway(0));

        var referral = (await referrals.SubmitReferralAsync(Referrals.Submission(NhsNumber, FamilyName, Reason), partner, cancellationToken: Ct)).Referral;
        (await new ReferralService.ReferralServiceClient(system.Gateway(1)).GetReferralAsync(new GetReferralRequest { ReferralId = referral.ReferralId }, partner, cancellationToken: Ct))
            .Referral.Patient.FamilyName.ShouldBe(FamilyName);
        var trace = TraceContext.New();
        await Referrals.ScreenAndAcceptAsync(system, referral.ReferralId, clinician, call: 1, trace.Headers);
        await Eventually.SucceedsAsync(() => new SchedulingService.SchedulingServiceClient(system.Gateway(0))
            .GetCourseAsync(new GetCourseRequest { ReferralId = referral.ReferralId }, partner, cancellationToken: Ct).ResponseAsync);

        // Wait for what the journey made to be exported: its trace through to scheduling, then a
        // round of metrics and logs from every replica after it.
        await Journeys.CourseCreatedTraceAsync(system, trace.TraceId);
        var metricsBefore = system.Telemetry.Store.Payloads.Count(p => p.Signal == "metrics");
        var exporters = DitCloudSystem.Projects.Length * DitCloudSystem.Replicas;
        (await system.Telemetry.Store.WaitUntilAsync(s => s.Payloads.Count(p => p.Signal == "metrics") >= metricsBefore + 2 * exporters, TimeSpan.FromSeconds(60), Ct))
            .ShouldBeTrue("every replica exported its metrics again after the journey");

        // The search itself finds what was exported: the method names are in the spans.
        system.Telemetry.WhereFound("SubmitReferral").ShouldNotBeEmpty();
        system.Telemetry.Store.Payloads.Select(p => p.Signal).Distinct().Order().ShouldBe(["logs", "metrics", "traces"]);
        foreach (var marker in new[] { NhsNumber, "973 105 8265", FamilyName, FamilyName.ToUpperInvariant(), Reason, "Varnholm" })
        {
            system.Telemetry.WhereFound(marker).ShouldBeEmpty($"'{marker}' was exported");
        }
    }
}
