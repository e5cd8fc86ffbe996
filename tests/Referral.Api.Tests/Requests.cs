using DitCloud.Referral.V1;

namespace DitCloud.Referral.Api.Tests;

/// <summary>Valid requests with distinctive personal data, so a test can search any text for it.</summary>
internal static class Requests
{
    public const string NhsNumber = "9434765919";
    public const string OtherNhsNumber = "4010232137";
    public const string GivenName = "Perpetua";
    public const string FamilyName = "Thistlewood";
    public const string DateOfBirth = "1988-07-14";
    public const string Postcode = "LS1 4AP";
    public const string Telephone = "07700 900456";
    public const string Reason = "Low mood since her marriage ended; withdrawn from friends";
    public const string RiskDetails = "Passive thoughts of not wanting to wake up; safety plan agreed";

    /// <summary>Every piece of personal data or clinical text a request here carries.</summary>
    public static readonly string[] PersonalData = [NhsNumber, "943 476 5919", GivenName, FamilyName, DateOfBirth, Postcode, "07700", Reason, RiskDetails];

    public static SubmitReferralRequest Submission(string? partnerReferralId = null) => new()
    {
        PartnerReferralId = partnerReferralId ?? $"EMIS-{Guid.NewGuid():N}"[..30],
        Ubrn = "0000 1111 2222",
        ReferringOdsCode = "A81001",
        Patient = new Patient
        {
            NhsNumber = NhsNumber,
            GivenName = GivenName,
            FamilyName = FamilyName,
            DateOfBirth = DateOfBirth,
            Postcode = Postcode,
            Contact = new ContactPreferences { PreferredMethod = ContactMethod.Telephone, Telephone = Telephone, MayLeaveMessages = true },
        },
        PresentingProblems = { PresentingProblem.Depression, PresentingProblem.RelationshipConflictOrBreakdown },
        ReasonForReferral = Reason,
        Phq9Total = 16,
        Gad7Total = 9,
        Risk = new RiskInformation { Level = RiskLevel.Low },
        Consent = new Consent { ToTreatment = true, ToContact = true },
        PreferredDeliveryMode = DeliveryMode.Video,
    };

    public static SubmitReferralRequest With(this SubmitReferralRequest request, Action<SubmitReferralRequest> change)
    {
        var copy = request.Clone();
        change(copy);
        return copy;
    }

    public static ScreeningDecision Suitable() => new() { Outcome = ScreeningOutcome.Suitable };

    public static ScreeningDecision NotSuitable(SignpostDestination destination = SignpostDestination.CognitiveBehaviouralTherapy) => new()
    {
        Outcome = ScreeningOutcome.NotSuitable,
        Reasons = { "Main difficulty is a specific phobia; CBT is the better fit" },
        Signpost = new Signpost { Destination = destination },
    };
}
