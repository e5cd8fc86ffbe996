using DitCloud.Referral.V1;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using static DitCloud.Referral.Api.Tests.TestSupport;

namespace DitCloud.Referral.Api.Tests;

/// <summary>
/// Every call on one referral names its patient to the gateway's audit by the pseudonymous reference
/// (response header dit-patient-ref, which the gateway records and removes); never the NHS number.
/// A list spans many patients and names none.
/// </summary>
public sealed class PatientReferenceTests(ReferralServiceFixture service) : IClassFixture<ReferralServiceFixture>
{
    private readonly ReferralService.ReferralServiceClient partner = service.Client(TestCaller.Partner("partner-patient-ref"));
    private readonly ReferralService.ReferralServiceClient clinician = service.Client(TestCaller.Clinician("clinician-patient-ref"));

    [Fact]
    public async Task Submit_read_screen_and_accept_each_name_the_pseudonymous_patient_reference()
    {
        var submit = partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel);
        var referral = (await submit).Referral;
        var expected = referral.PatientReference;
        expected.ShouldNotBeNullOrEmpty();
        expected.ShouldNotBe(referral.Patient.NhsNumber);

        (await PatientReferenceOf(submit)).ShouldBe(expected);
        (await PatientReferenceOf(partner.GetReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel))).ShouldBe(expected);
        (await PatientReferenceOf(clinician.ScreenReferralAsync(
            new() { ReferralId = referral.ReferralId, Decision = Requests.Suitable() }, cancellationToken: Cancel))).ShouldBe(expected);
        (await PatientReferenceOf(clinician.AcceptReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel))).ShouldBe(expected);
    }

    [Fact]
    public async Task A_list_names_no_patient()
    {
        await partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel);

        (await PatientReferenceOf(partner.ListReferralsAsync(new() { PageSize = 10 }, cancellationToken: Cancel))).ShouldBeNull();
    }

    private static async Task<string?> PatientReferenceOf<T>(AsyncUnaryCall<T> call)
    {
        await call.ResponseAsync;
        return (await call.ResponseHeadersAsync).GetValue(PatientReferenceReporting.HeaderName);
    }
}
