namespace DitCloud.Referral.Domain;

/// <summary>What the patient agreed to when referred. Treatment consent is required to refer.</summary>
public sealed record Consent(bool ToTreatment, bool ToContact);
