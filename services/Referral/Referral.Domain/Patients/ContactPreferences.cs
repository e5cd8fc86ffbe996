namespace DitCloud.Referral.Domain;

/// <summary>
/// How to reach the patient. The telephone number is needed for telephone and text contact, the
/// email address for email; letters go to the postcode's address held by the GP record.
/// </summary>
/// <param name="MayLeaveMessages">Whether a voicemail or message may say who is calling.</param>
public sealed record ContactPreferences(
    ContactMethod PreferredMethod,
    string? Telephone,
    string? Email,
    bool MayLeaveMessages)
{
    /// <summary>Redacted: telephone numbers and email addresses are personal data.</summary>
    public override string ToString() => $"ContactPreferences {{ PreferredMethod = {PreferredMethod} }}";
}
