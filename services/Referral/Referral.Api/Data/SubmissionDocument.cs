using System.Text.Json;
using System.Text.Json.Serialization;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Api.Data;

/// <summary>
/// The stored form of a submission (the jsonb column <c>referrals.submission</c>), version 1. A storage
/// shape of its own, so renaming something in the domain never makes a stored referral unreadable:
/// records are kept for 20 years. Enums are stored as their numbers, which never change.
/// </summary>
internal sealed record SubmissionDocument(
    [property: JsonPropertyName("v")] int FormatVersion,
    [property: JsonPropertyName("partnerReferralId")] string PartnerReferralId,
    [property: JsonPropertyName("ubrn")] string? Ubrn,
    [property: JsonPropertyName("referringOdsCode")] string ReferringOdsCode,
    [property: JsonPropertyName("patient")] SubmissionDocument.PatientPart Patient,
    [property: JsonPropertyName("presentingProblems")] int[] PresentingProblems,
    [property: JsonPropertyName("reasonForReferral")] string ReasonForReferral,
    [property: JsonPropertyName("phq9Total")] int? Phq9Total,
    [property: JsonPropertyName("gad7Total")] int? Gad7Total,
    [property: JsonPropertyName("riskLevel")] int RiskLevel,
    [property: JsonPropertyName("riskDetails")] string? RiskDetails,
    [property: JsonPropertyName("consentToTreatment")] bool ConsentToTreatment,
    [property: JsonPropertyName("consentToContact")] bool ConsentToContact)
{
    private const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    internal sealed record PatientPart(
        [property: JsonPropertyName("nhsNumber")] string NhsNumber,
        [property: JsonPropertyName("givenName")] string GivenName,
        [property: JsonPropertyName("familyName")] string FamilyName,
        [property: JsonPropertyName("dateOfBirth")] DateOnly? DateOfBirth,
        [property: JsonPropertyName("postcode")] string Postcode,
        [property: JsonPropertyName("preferredContact")] int PreferredContact,
        [property: JsonPropertyName("telephone")] string? Telephone,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("mayLeaveMessages")] bool MayLeaveMessages);

    public static string Write(ReferralSubmission s) => JsonSerializer.Serialize(
        new SubmissionDocument(
            CurrentVersion, s.PartnerReferralId, s.Ubrn, s.ReferringOdsCode,
            new PatientPart(s.Patient.NhsNumber, s.Patient.GivenName, s.Patient.FamilyName, s.Patient.DateOfBirth, s.Patient.Postcode,
                (int)s.Patient.Contact.PreferredMethod, s.Patient.Contact.Telephone, s.Patient.Contact.Email, s.Patient.Contact.MayLeaveMessages),
            [.. s.PresentingProblems.Select(p => (int)p)], s.ReasonForReferral, s.Phq9Total, s.Gad7Total,
            (int)s.Risk.Level, s.Risk.Details, s.Consent.ToTreatment, s.Consent.ToContact),
        Options);

    public static ReferralSubmission Read(string json)
    {
        var d = JsonSerializer.Deserialize<SubmissionDocument>(json, Options)
            ?? throw new InvalidOperationException("A stored submission is empty.");
        if (d.FormatVersion != CurrentVersion)
        {
            throw new InvalidOperationException($"A stored submission has format version {d.FormatVersion}; this build reads version {CurrentVersion}.");
        }
        var p = d.Patient;
        return new ReferralSubmission(
            d.PartnerReferralId, d.Ubrn, d.ReferringOdsCode,
            new PatientDemographics(p.NhsNumber, p.GivenName, p.FamilyName, p.DateOfBirth, p.Postcode,
                new ContactPreferences((ContactMethod)p.PreferredContact, p.Telephone, p.Email, p.MayLeaveMessages)),
            [.. d.PresentingProblems.Select(code => (PresentingProblem)code)], d.ReasonForReferral, d.Phq9Total, d.Gad7Total,
            new RiskInformation((RiskLevel)d.RiskLevel, d.RiskDetails), new Consent(d.ConsentToTreatment, d.ConsentToContact));
    }
}
