namespace DitCloud.Referral.Domain;

/// <summary>
/// Puts a submission into one canonical form so that a partner's retry that differs only in layout
/// (spaces in the NHS number, a lower-case ODS code, problems in another order) counts as the same.
/// Values that cannot be read are only trimmed: normalising never fails and never hides a difference.
/// </summary>
public static class SubmissionNormaliser
{
    public static ReferralSubmission Normalise(ReferralSubmission submission) => submission with
    {
        PartnerReferralId = Trim(submission.PartnerReferralId),
        Ubrn = string.IsNullOrWhiteSpace(submission.Ubrn)
            ? null
            : Ubrn.TryParse(submission.Ubrn, out var ubrn, out _) ? ubrn.Value : Trim(submission.Ubrn),
        ReferringOdsCode = OdsCode.TryParse(submission.ReferringOdsCode, out var ods, out _)
            ? ods.Value
            : Trim(submission.ReferringOdsCode),
        Patient = Normalise(submission.Patient),
        PresentingProblems = [.. submission.PresentingProblems.Distinct().Order()],
        ReasonForReferral = Trim(submission.ReasonForReferral),
        Risk = submission.Risk with { Details = TrimToNull(submission.Risk.Details) },
    };

    private static PatientDemographics Normalise(PatientDemographics patient) => patient with
    {
        NhsNumber = NhsNumber.TryParse(patient.NhsNumber, out var nhsNumber, out _)
            ? nhsNumber.Value
            : Trim(patient.NhsNumber),
        GivenName = Trim(patient.GivenName),
        FamilyName = Trim(patient.FamilyName),
        Postcode = Postcode.TryParse(patient.Postcode, out var postcode, out _)
            ? postcode.Value
            : Trim(patient.Postcode),
        Contact = patient.Contact with
        {
            Telephone = UkTelephoneNumber.TryNormalise(patient.Contact.Telephone, out var telephone)
                ? telephone
                : TrimToNull(patient.Contact.Telephone),
            Email = TrimToNull(patient.Contact.Email),
        },
    };

    private static string Trim(string? text) => text?.Trim() ?? "";

    private static string? TrimToNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
