using DitCloud.Referral.V1;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using Grpc.Core;
using static DitCloud.Referral.Api.Tests.TestSupport;

namespace DitCloud.Referral.Api.Tests;

public sealed class SubmitReferralTests(ReferralServiceFixture service) : IClassFixture<ReferralServiceFixture>
{
    private readonly ReferralService.ReferralServiceClient partner = service.Client(TestCaller.Partner("partner-submit"));

    public static TheoryData<string, string, string> BadSubmissions => new()
    {
        { "nhs-check-digit", "patient.nhs_number", "Modulus 11" },
        { "nhs-length", "patient.nhs_number", "exactly 10 digits" },
        { "nhs-missing", "patient.nhs_number", "is required" },
        { "dob-future", "patient.date_of_birth", "in the future" },
        { "dob-under-16", "patient.date_of_birth", "minimum age of 16" },
        { "dob-format", "patient.date_of_birth", "YYYY-MM-DD" },
        { "dob-missing", "patient.date_of_birth", "is required" },
        { "ods-format", "referring_ods_code", "only letters and digits" },
        { "ods-length", "referring_ods_code", "3 to 6 characters" },
        { "ubrn", "ubrn", "exactly 12 digits" },
        { "partner-id-missing", "partner_referral_id", "is required" },
        { "partner-id-spaces", "partner_referral_id", "printable ASCII" },
        { "no-problems", "presenting_problems", "at least one" },
        { "unspecified-problem", "presenting_problems[2]", "not a known presenting problem" },
        { "moderate-risk-without-details", "risk.details", "required when risk.level is moderate or high" },
        { "risk-missing", "risk.level", "is required" },
        { "no-consent", "consent.to_treatment", "must be given" },
        { "postcode", "patient.postcode", "not a UK postcode" },
        { "phq9-range", "phq9_total", "0 to 27" },
        { "gad7-range", "gad7_total", "0 to 21" },
        { "text-to-landline", "patient.contact.telephone", "mobile" },
        { "email-without-address", "patient.contact.email", "required when the preferred contact method is email" },
        { "contact-method-missing", "patient.contact.preferred_method", "is required" },
        { "name-missing", "patient.family_name", "is required" },
        { "reason-too-long", "reason_for_referral", "at most 4000" },
        { "delivery-mode", "preferred_delivery_mode", "VIDEO or FACE_TO_FACE" },
    };

    private static SubmitReferralRequest Bad(string name) => Requests.Submission().With(r =>
    {
        switch (name)
        {
            case "nhs-check-digit": r.Patient.NhsNumber = "9434765918"; break;
            case "nhs-length": r.Patient.NhsNumber = "943476591"; break;
            case "nhs-missing": r.Patient.NhsNumber = ""; break;
            case "dob-future": r.Patient.DateOfBirth = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd"); break;
            case "dob-under-16": r.Patient.DateOfBirth = DateTime.UtcNow.AddYears(-15).ToString("yyyy-MM-dd"); break;
            case "dob-format": r.Patient.DateOfBirth = "14/07/1988"; break;
            case "dob-missing": r.Patient.DateOfBirth = ""; break;
            case "ods-format": r.ReferringOdsCode = "A8-1001"; break;
            case "ods-length": r.ReferringOdsCode = "A8100123"; break;
            case "ubrn": r.Ubrn = "1234"; break;
            case "partner-id-missing": r.PartnerReferralId = " "; break;
            case "partner-id-spaces": r.PartnerReferralId = "EMIS 123"; break;
            case "no-problems": r.PresentingProblems.Clear(); break;
            case "unspecified-problem": r.PresentingProblems.Add(PresentingProblem.Unspecified); break;
            case "moderate-risk-without-details": r.Risk = new RiskInformation { Level = RiskLevel.Moderate }; break;
            case "risk-missing": r.Risk = null; break;
            case "no-consent": r.Consent.ToTreatment = false; break;
            case "postcode": r.Patient.Postcode = "XYZ"; break;
            case "phq9-range": r.Phq9Total = 30; break;
            case "gad7-range": r.Gad7Total = -1; break;
            case "text-to-landline": r.Patient.Contact = new ContactPreferences { PreferredMethod = ContactMethod.TextMessage, Telephone = "0113 496 0000" }; break;
            case "email-without-address": r.Patient.Contact = new ContactPreferences { PreferredMethod = ContactMethod.Email }; break;
            case "contact-method-missing": r.Patient.Contact = null; break;
            case "name-missing": r.Patient.FamilyName = ""; break;
            case "reason-too-long": r.ReasonForReferral = Requests.Reason + new string('.', 4000); break;
            case "delivery-mode": r.PreferredDeliveryMode = (DeliveryMode)7; break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    });

    [Theory]
    [MemberData(nameof(BadSubmissions))]
    public async Task Each_bad_input_is_refused_naming_the_field_and_why(string name, string field, string says)
    {
        await partner.SubmitReferralAsync(Bad(name), cancellationToken: Cancel).RefusesField(field, says);
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once()
    {
        var request = Requests.Submission().With(r =>
        {
            r.Patient.NhsNumber = "9434765918";
            r.ReferringOdsCode = "??";
            r.Consent = null;
        });

        var badRequest = await partner.SubmitReferralAsync(request, cancellationToken: Cancel).RefusesField("patient.nhs_number", "Modulus 11");

        badRequest.FieldViolations.Select(v => v.Field).ShouldBe(["referring_ods_code", "patient.nhs_number", "consent.to_treatment"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_valid_submission_is_received_waiting_with_advice_history_audit_and_an_event()
    {
        var request = Requests.Submission();

        var response = await partner.SubmitReferralAsync(request, cancellationToken: Cancel);

        response.Created.ShouldBeTrue();
        var referral = response.Referral;
        Guid.TryParse(referral.ReferralId, out _).ShouldBeTrue();
        referral.PartnerId.ShouldBe("partner-submit");
        referral.PartnerReferralId.ShouldBe(request.PartnerReferralId);
        referral.Ubrn.ShouldBe("000011112222");
        referral.Patient.NhsNumber.ShouldBe(Requests.NhsNumber);
        referral.Patient.Contact.Telephone.ShouldBe("+447700900456");
        referral.Status.ShouldBe(ReferralStatus.Received);
        referral.WaitingListPosition.ShouldBeGreaterThanOrEqualTo(1);
        referral.DaysWaited.ShouldBe(0);
        referral.PreferredDeliveryMode.ShouldBe(DeliveryMode.Video);
        referral.Recommendation.Suitability.ShouldBe(Suitability.Suitable);
        referral.Etag.ShouldBe("1");
        var received = referral.History.ShouldHaveSingleItem();
        (received.Change, received.ActorId, received.ToStatus, received.FromStatus).ShouldBe(
            (ReferralChange.Received, "partner-submit", ReferralStatus.Received, ReferralStatus.Unspecified));

        var audit = (await service.AuditRowsAsync(referral.ReferralId)).ShouldHaveSingleItem();
        (audit["actor_id"], audit["actor_kind"], audit["action"], audit["detail"]).ShouldBe(("partner-submit", "partner", "Create", "SubmitReferral"));
        audit["patient_reference"].ShouldBe(Guid.Parse(referral.PatientReference));
        var history = (await service.HistoryRowsAsync(referral.ReferralId)).ShouldHaveSingleItem();
        history["actor_id"].ShouldBe("partner-submit");
    }

    [Fact]
    public async Task The_policy_advice_comes_with_the_referral()
    {
        var request = Requests.Submission().With(r =>
        {
            r.PresentingProblems.Add(PresentingProblem.SubstanceMisuse);
            r.Risk = new RiskInformation { Level = RiskLevel.Moderate, Details = Requests.RiskDetails };
        });

        var advice = (await partner.SubmitReferralAsync(request, cancellationToken: Cancel)).Referral.Recommendation;

        advice.Suitability.ShouldBe(Suitability.SuitableWithCaution);
        advice.Reasons.Select(r => (r.Kind, r.Problem)).ShouldBe(
        [
            (ScreeningReasonKind.CautionProblem, PresentingProblem.SubstanceMisuse),
            (ScreeningReasonKind.RiskNeedsCaution, PresentingProblem.Unspecified),
        ]);
    }

    [Fact]
    public async Task A_retry_returns_the_same_referral_even_laid_out_differently_and_is_audited_as_a_read()
    {
        var request = Requests.Submission();
        var first = await partner.SubmitReferralAsync(request, cancellationToken: Cancel);
        var laidOutDifferently = request.With(r =>
        {
            r.Patient.NhsNumber = "943 476 5919";
            r.ReferringOdsCode = " a81001 ";
            r.PresentingProblems.Clear();
            r.PresentingProblems.Add([PresentingProblem.RelationshipConflictOrBreakdown, PresentingProblem.Depression, PresentingProblem.Depression]);
            r.PreferredDeliveryMode = DeliveryMode.FaceToFace; // not part of the comparison
        });

        var retry = await partner.SubmitReferralAsync(laidOutDifferently, cancellationToken: Cancel);

        retry.Created.ShouldBeFalse();
        retry.Referral.ReferralId.ShouldBe(first.Referral.ReferralId);
        retry.Referral.PreferredDeliveryMode.ShouldBe(DeliveryMode.Video, "the first submission's preference stands");
        retry.Referral.History.Count.ShouldBe(1);
        (await service.AuditRowsAsync(first.Referral.ReferralId)).Select(a => (a["action"], a["detail"])).ShouldBe(
            [("Create", "SubmitReferral"), ("Read", "SubmitReferral: retry")]);
    }

    [Fact]
    public async Task Different_content_under_the_same_id_is_refused_naming_what_differs()
    {
        var request = Requests.Submission();
        var first = await partner.SubmitReferralAsync(request, cancellationToken: Cancel);
        var clash = request.With(r =>
        {
            r.Patient.DateOfBirth = "1988-07-15";
            r.ReasonForReferral = Requests.Reason + " (amended)";
        });

        var failure = await partner.SubmitReferralAsync(clash, cancellationToken: Cancel).FailsWith(StatusCode.AlreadyExists);

        failure.Status.Detail.ShouldContain("patient.date_of_birth, reason_for_referral");
        failure.Status.Detail.ShouldNotContainPersonalData();
        (await service.AuditRowsAsync(first.Referral.ReferralId)).Last()["detail"].ShouldBe("SubmitReferral: refused, different content");
    }

    [Fact]
    public async Task Two_partners_may_use_the_same_id_for_different_referrals()
    {
        var request = Requests.Submission();
        var other = service.Client(TestCaller.Partner("partner-submit-other"));

        var mine = await partner.SubmitReferralAsync(request, cancellationToken: Cancel);
        var theirs = await other.SubmitReferralAsync(request, cancellationToken: Cancel);

        theirs.Created.ShouldBeTrue();
        theirs.Referral.ReferralId.ShouldNotBe(mine.Referral.ReferralId);
        theirs.Referral.PatientReference.ShouldBe(mine.Referral.PatientReference, "one patient, one pseudonymous reference");
    }

    [Fact]
    public async Task Twenty_identical_submissions_in_parallel_make_one_referral_and_one_event()
    {
        var request = Requests.Submission();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => partner.SubmitReferralAsync(request, cancellationToken: Cancel).ResponseAsync));

        responses.Select(r => r.Referral.ReferralId).Distinct().ShouldHaveSingleItem();
        responses.Count(r => r.Created).ShouldBe(1);
        var stored = await service.QueryAsync(
            "SELECT id FROM referrals WHERE partner_id = $1 AND partner_referral_id = $2", "partner-submit", request.PartnerReferralId);
        stored.ShouldHaveSingleItem();
        (await service.HistoryRowsAsync(responses[0].Referral.ReferralId)).Count.ShouldBe(1);
        var audits = await service.AuditRowsAsync(responses[0].Referral.ReferralId);
        audits.Count(a => (string)a["action"]! == "Create").ShouldBe(1);
        audits.Count(a => (string)a["detail"]! == "SubmitReferral: retry").ShouldBe(19);
    }

    [Fact]
    public async Task Only_partner_systems_with_the_submit_scope_submit()
    {
        var clinician = service.Client(TestCaller.Clinician("clinician-submit", Scopes.ReferralSubmit, Scopes.ReferralRead));
        var readOnlyPartner = service.Client(TestCaller.Partner("partner-read-only", Scopes.ReferralRead));
        var anonymous = new ReferralService.ReferralServiceClient(service.Host.Channel);

        (await clinician.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied))
            .Status.Detail.ShouldContain("only partner systems submit referrals");
        (await readOnlyPartner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied))
            .Status.Detail.ShouldContain(Scopes.ReferralSubmit);
        await anonymous.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel).FailsWith(StatusCode.Unauthenticated);
        var forged = new ReferralService.ReferralServiceClient(service.Host.Channel);
        await forged.SubmitReferralAsync(Requests.Submission(), TestTokens.Headers(TestTokens.Tamper(TestCaller.Partner("partner-forged").Token)), cancellationToken: Cancel)
            .FailsWith(StatusCode.Unauthenticated);
    }
}
