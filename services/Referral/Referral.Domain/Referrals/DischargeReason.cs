namespace DitCloud.Referral.Domain;

/// <summary>Why an accepted referral was discharged. Values start at 1; 0 means unset.</summary>
public enum DischargeReason
{
    CompletedTreatment = 1,
    DidNotAttend = 2,
    PatientChoseToEnd = 3,
    ClinicalDecision = 4,
    Other = 5,
}
