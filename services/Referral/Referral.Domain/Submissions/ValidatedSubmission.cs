namespace DitCloud.Referral.Domain;

/// <summary>
/// A submission that passed every intake rule, in canonical form, with its identifiers read.
/// Only <see cref="SubmissionValidator.EnsureValid"/> makes one, so a referral cannot be received unchecked.
/// </summary>
public sealed class ValidatedSubmission
{
    internal ValidatedSubmission(ReferralSubmission canonical)
    {
        Content = canonical;
        NhsNumber = NhsNumber.Parse(canonical.Patient.NhsNumber, "patient.nhs_number");
        ReferringOrganisation = OdsCode.Parse(canonical.ReferringOdsCode, "referring_ods_code");
        Ubrn = canonical.Ubrn is null ? null : Ubrn.Parse(canonical.Ubrn);
        Fingerprint = SubmissionFingerprint.Of(canonical);
    }

    /// <summary>The submission in canonical form (see <see cref="SubmissionNormaliser"/>).</summary>
    public ReferralSubmission Content { get; }

    public NhsNumber NhsNumber { get; }

    public OdsCode ReferringOrganisation { get; }

    public Ubrn? Ubrn { get; }

    /// <summary>See <see cref="SubmissionFingerprint"/>.</summary>
    public string Fingerprint { get; }

    public override string ToString() => Content.ToString();
}
