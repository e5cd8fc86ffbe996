using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

/// <summary>A valid submission with distinctive personal data, so tests can search messages for it.</summary>
internal static class TestSubmissions
{
    public const string NhsNumber = "9434765919";
    public const string GivenName = "Perpetua";
    public const string FamilyName = "Thistlewood";
    public const string Postcode = "LS1 4AP";
    public const string Telephone = "07700 900456";
    public const string Email = "perpetua.t@example.com";
    public const string Reason = "Low mood since her marriage ended; withdrawn from friends";
    public const string RiskDetails = "Passive thoughts of not wanting to wake up; safety plan agreed with GP";
    public static readonly DateOnly DateOfBirth = new(1988, 7, 14);
    public static readonly DateOnly Today = new(2025, 6, 1);

    public static ReferralSubmission Valid() => new(
        PartnerReferralId: "EMIS-2025-000123",
        Ubrn: "0000 1111 2222",
        ReferringOdsCode: "A81001",
        Patient: new PatientDemographics(
            NhsNumber: NhsNumber,
            GivenName: GivenName,
            FamilyName: FamilyName,
            DateOfBirth: DateOfBirth,
            Postcode: Postcode,
            Contact: new ContactPreferences(ContactMethod.Telephone, Telephone, Email, MayLeaveMessages: true)),
        PresentingProblems: [PresentingProblem.Depression, PresentingProblem.RelationshipConflictOrBreakdown],
        ReasonForReferral: Reason,
        Phq9Total: 16,
        Gad7Total: 9,
        Risk: new RiskInformation(RiskLevel.Low, null),
        Consent: new Consent(ToTreatment: true, ToContact: true));

    public static ReferralSubmission WithPatient(this ReferralSubmission submission, Func<PatientDemographics, PatientDemographics> change) =>
        submission with { Patient = change(submission.Patient) };

    public static ReferralSubmission WithContact(this ReferralSubmission submission, Func<ContactPreferences, ContactPreferences> change) =>
        submission.WithPatient(p => p with { Contact = change(p.Contact) });

    public static ValidatedSubmission Validated(ReferralSubmission? submission = null) =>
        new SubmissionValidator(new EligibilityPolicy()).EnsureValid(submission ?? Valid(), Today);
}
