namespace DitCloud.Referral.Domain;

/// <summary>How the patient prefers the service to get in touch. Values start at 1; 0 means unset.</summary>
public enum ContactMethod
{
    Telephone = 1,
    TextMessage = 2,
    Email = 3,
    Letter = 4,
}
