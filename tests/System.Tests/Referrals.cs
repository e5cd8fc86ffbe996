using DitCloud.Referral.V1;
using Grpc.Core;

namespace DitCloud.SystemTests;

/// <summary>Referrals as a partner system sends them, each with its own patient, and the clinician's steps that accept one.</summary>
public static class Referrals
{
    /// <summary>A valid submission for a new patient: an NHS number of its own, so no two tests share a patient.</summary>
    public static SubmitReferralRequest Submission(
        string? nhsNumber = null,
        string familyName = "Tester",
        string reason = "Low mood since a relationship ended",
        DeliveryMode mode = DeliveryMode.Video) => new()
    {
        PartnerReferralId = $"SYS-{Guid.NewGuid():N}"[..30],
        Ubrn = "0000 1111 2222",
        ReferringOdsCode = "A81001",
        Patient = new Patient
        {
            NhsNumber = nhsNumber ?? NhsNumbers.Next(),
            GivenName = "Sam",
            FamilyName = familyName,
            DateOfBirth = "1988-07-14",
            Postcode = "LS1 4AP",
            Contact = new ContactPreferences { PreferredMethod = ContactMethod.Telephone, Telephone = "07700 900456", MayLeaveMessages = true },
        },
        PresentingProblems = { PresentingProblem.Depression },
        ReasonForReferral = reason,
        Phq9Total = 16,
        Gad7Total = 9,
        Risk = new RiskInformation { Level = RiskLevel.Low },
        Consent = new Consent { ToTreatment = true, ToContact = true },
        PreferredDeliveryMode = mode,
    };

    /// <summary>A clinician screens the referral suitable and accepts it onto the waiting list (on two gateway replicas).</summary>
    public static async Task<Referral.V1.Referral> ScreenAndAcceptAsync(DitCloudSystem system, string referralId, Metadata clinician, int call, Metadata? acceptHeaders = null)
    {
        var screened = await new ReferralService.ReferralServiceClient(system.Gateway(call)).ScreenReferralAsync(new ScreenReferralRequest
        {
            ReferralId = referralId,
            Decision = new ScreeningDecision { Outcome = ScreeningOutcome.Suitable },
        }, clinician);
        screened.Referral.Status.ShouldBe(ReferralStatus.Screening);

        var headers = new Metadata();
        foreach (var entry in clinician.Concat(acceptHeaders ?? [])) headers.Add(entry);
        var accepted = await new ReferralService.ReferralServiceClient(system.Gateway(call + 1)).AcceptReferralAsync(
            new AcceptReferralRequest { ReferralId = referralId }, headers);
        accepted.Referral.Status.ShouldBe(ReferralStatus.Accepted);
        return accepted.Referral;
    }
}

/// <summary>NHS numbers that pass the Modulus 11 check, new for each call.</summary>
public static class NhsNumbers
{
    public static string Next()
    {
        while (true)
        {
            var stem = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString();
            if (WithCheckDigit(stem) is { } number) return number;
        }
    }

    /// <summary>The nine digits and their check digit; null when the stem has none (remainder gives 10).</summary>
    public static string? WithCheckDigit(string stem)
    {
        var sum = stem.Select((digit, i) => (digit - '0') * (10 - i)).Sum();
        var check = 11 - sum % 11;
        return check switch
        {
            11 => stem + "0",
            10 => null,
            _ => stem + check,
        };
    }
}
