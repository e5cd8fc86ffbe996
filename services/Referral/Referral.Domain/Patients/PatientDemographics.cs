namespace DitCloud.Referral.Domain;

/// <summary>
/// Who the referral is for, as the partner sent it. Every field is personal data: <see cref="ToString"/>
/// shows none of them.
/// </summary>
/// <param name="DateOfBirth">Null when the partner left it out; validation then asks for it.</param>
public sealed record PatientDemographics(
    string NhsNumber,
    string GivenName,
    string FamilyName,
    DateOnly? DateOfBirth,
    string Postcode,
    ContactPreferences Contact)
{
    /// <summary>Redacted: names, NHS number, date of birth, postcode and contact details are personal data.</summary>
    public override string ToString() => "PatientDemographics { redacted }";
}
