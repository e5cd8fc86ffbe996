using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

/// <summary>Referrals brought to each status through the aggregate's own operations.</summary>
internal static class ReferralScenarios
{
    public const string Partner = "partner-emis-01";
    public const string Clinician = "clinician-7f3a";
    public static readonly DateTimeOffset ReceivedAt = new(2025, 6, 1, 9, 30, 0, TimeSpan.FromHours(1));

    public static ScreeningDecision NotSuitable() =>
        ScreeningDecision.NotSuitableForDit(["Needs a specialist service"], SignpostDestination.SecondaryCareMentalHealth);

    public static PatientReferral Received() =>
        PatientReferral.Receive(Guid.NewGuid(), Partner, TestSubmissions.Validated(), Partner, ReceivedAt);

    public static PatientReferral In(ReferralStatus status)
    {
        var referral = Received();
        var at = ReceivedAt;
        switch (status)
        {
            case ReferralStatus.Received:
                break;
            case ReferralStatus.Screening:
                referral.BeginScreening(Clinician, at = at.AddDays(1));
                break;
            case ReferralStatus.Accepted:
            case ReferralStatus.Discharged:
                referral.BeginScreening(Clinician, at = at.AddDays(1));
                referral.RecordScreeningDecision(ScreeningDecision.SuitableForDit(), Clinician, at = at.AddDays(1));
                referral.Accept(Clinician, at = at.AddDays(1));
                if (status == ReferralStatus.Discharged)
                {
                    referral.Discharge(DischargeReason.CompletedTreatment, Clinician, at.AddDays(100));
                }
                break;
            case ReferralStatus.Declined:
                referral.RecordScreeningDecision(NotSuitable(), Clinician, at = at.AddDays(1));
                referral.Decline(Clinician, at.AddDays(1));
                break;
            case ReferralStatus.Withdrawn:
                referral.Withdraw(WithdrawalReason.PatientRequest, Partner, at.AddDays(1));
                break;
        }
        return referral;
    }

    /// <summary>Does <paramref name="action"/> with valid arguments.</summary>
    public static void Perform(PatientReferral referral, ReferralAction action, DateTimeOffset at)
    {
        switch (action)
        {
            case ReferralAction.BeginScreening:
                referral.BeginScreening(Clinician, at);
                break;
            case ReferralAction.RecordScreeningDecision:
                referral.RecordScreeningDecision(ScreeningDecision.SuitableForDit(), Clinician, at);
                break;
            case ReferralAction.Accept:
                referral.Accept(Clinician, at);
                break;
            case ReferralAction.Decline:
                referral.Decline(Clinician, at);
                break;
            case ReferralAction.Withdraw:
                referral.Withdraw(WithdrawalReason.PatientRequest, Partner, at);
                break;
            case ReferralAction.Discharge:
                referral.Discharge(DischargeReason.CompletedTreatment, Clinician, at);
                break;
        }
    }
}
