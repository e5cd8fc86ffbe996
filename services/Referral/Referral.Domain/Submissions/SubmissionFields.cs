using System.Globalization;

namespace DitCloud.Referral.Domain;

/// <summary>
/// Every field of a submission, by proto path, with a canonical text form of its value. The one list
/// behind both <see cref="SubmissionFingerprint"/> and <see cref="SubmissionComparison"/>, so a field
/// added here is both fingerprinted and compared. Read it from a normalised submission.
/// </summary>
internal static class SubmissionFields
{
    public static readonly IReadOnlyList<(string Path, Func<ReferralSubmission, string> Value)> All =
    [
        ("partner_referral_id", s => s.PartnerReferralId),
        ("ubrn", s => s.Ubrn ?? ""),
        ("referring_ods_code", s => s.ReferringOdsCode),
        ("patient.nhs_number", s => s.Patient.NhsNumber),
        ("patient.given_name", s => s.Patient.GivenName),
        ("patient.family_name", s => s.Patient.FamilyName),
        ("patient.date_of_birth", s => s.Patient.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
        ("patient.postcode", s => s.Patient.Postcode),
        ("patient.contact.preferred_method", s => Number(s.Patient.Contact.PreferredMethod)),
        ("patient.contact.telephone", s => s.Patient.Contact.Telephone ?? ""),
        ("patient.contact.email", s => s.Patient.Contact.Email ?? ""),
        ("patient.contact.may_leave_messages", s => Flag(s.Patient.Contact.MayLeaveMessages)),
        ("presenting_problems", s => string.Join(",", s.PresentingProblems.Select(Number))),
        ("reason_for_referral", s => s.ReasonForReferral),
        ("phq9_total", s => s.Phq9Total?.ToString(CultureInfo.InvariantCulture) ?? ""),
        ("gad7_total", s => s.Gad7Total?.ToString(CultureInfo.InvariantCulture) ?? ""),
        ("risk.level", s => Number(s.Risk.Level)),
        ("risk.details", s => s.Risk.Details ?? ""),
        ("consent.to_treatment", s => Flag(s.Consent.ToTreatment)),
        ("consent.to_contact", s => Flag(s.Consent.ToContact)),
    ];

    // Enum numbers, not names: renaming a member in code must not change stored fingerprints.
    private static string Number<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "1" : "0";
}
