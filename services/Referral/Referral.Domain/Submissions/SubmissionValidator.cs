using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>
/// Checks a partner's submission against every intake rule and reports all failures at once, each
/// naming its field (proto path) and the fix, so a partner can correct everything in one round trip.
/// Descriptions never repeat the submitted values.
/// </summary>
public sealed class SubmissionValidator(EligibilityPolicy eligibility)
{
    public const int MaximumPartnerReferralIdLength = 64;
    public const int MaximumNameLength = 100;
    public const int MaximumClinicalTextLength = 4000;
    public const int Phq9Maximum = 27;
    public const int Gad7Maximum = 21;

    /// <summary>Every rule the submission breaks on <paramref name="today"/>; empty when it may be received.</summary>
    public IReadOnlyList<FieldViolation> FindViolations(ReferralSubmission submission, DateOnly today)
    {
        var violations = new List<FieldViolation>();
        CheckIdentifiers(submission, violations);
        PatientRules.Check(submission.Patient, eligibility, today, violations);
        CheckClinicalDetails(submission, violations);
        CheckConsent(submission.Consent, violations);
        return violations;
    }

    /// <summary>
    /// The submission checked and in canonical form (see <see cref="SubmissionNormaliser"/>), or
    /// INVALID_ARGUMENT listing every field that breaks a rule.
    /// </summary>
    public ValidatedSubmission EnsureValid(ReferralSubmission submission, DateOnly today)
    {
        var violations = FindViolations(submission, today);
        return violations.Count == 0
            ? new ValidatedSubmission(SubmissionNormaliser.Normalise(submission))
            : throw DomainException.Invalid(violations);
    }

    private static void CheckIdentifiers(ReferralSubmission submission, List<FieldViolation> violations)
    {
        const string partnerReferralId = "partner_referral_id";
        var id = submission.PartnerReferralId?.Trim() ?? "";
        if (id.Length == 0)
        {
            violations.Add(new(partnerReferralId, $"{partnerReferralId} is required; give your system's id for this referral (the UBRN where there is one)"));
        }
        else if (id.Length > MaximumPartnerReferralIdLength || !id.All(c => c is > ' ' and <= '~'))
        {
            violations.Add(new(partnerReferralId, $"{partnerReferralId} must be 1 to {MaximumPartnerReferralIdLength} printable ASCII characters without spaces"));
        }

        if (!string.IsNullOrWhiteSpace(submission.Ubrn) && !Ubrn.TryParse(submission.Ubrn, out _, out var ubrnFailure))
        {
            violations.Add(new("ubrn", $"ubrn {ubrnFailure}"));
        }

        if (!OdsCode.TryParse(submission.ReferringOdsCode, out _, out var odsFailure))
        {
            violations.Add(new("referring_ods_code", $"referring_ods_code {odsFailure}"));
        }
    }

    private static void CheckClinicalDetails(ReferralSubmission submission, List<FieldViolation> violations)
    {
        const string problems = "presenting_problems";
        if (submission.PresentingProblems.Count == 0)
        {
            violations.Add(new(problems, $"{problems} needs at least one coded presenting problem"));
        }
        for (var i = 0; i < submission.PresentingProblems.Count; i++)
        {
            if (!Enum.IsDefined(submission.PresentingProblems[i]))
            {
                violations.Add(new($"{problems}[{i}]", $"{problems}[{i}] is not a known presenting problem; choose one from the list"));
            }
        }

        TextRules.CheckRequired(submission.ReasonForReferral, "reason_for_referral", MaximumClinicalTextLength,
            "describe why the patient is referred", violations);

        CheckScore(submission.Phq9Total, "phq9_total", Phq9Maximum, violations);
        CheckScore(submission.Gad7Total, "gad7_total", Gad7Maximum, violations);

        var risk = submission.Risk;
        if (!Enum.IsDefined(risk.Level))
        {
            violations.Add(new("risk.level", "risk.level is required; choose none identified, low, moderate or high"));
        }
        if (risk.Level is RiskLevel.Moderate or RiskLevel.High && string.IsNullOrWhiteSpace(risk.Details))
        {
            violations.Add(new("risk.details", "risk.details is required when risk.level is moderate or high; describe the risk and the safety plan"));
        }
        TextRules.CheckLength(risk.Details, "risk.details", MaximumClinicalTextLength, violations);
    }

    private static void CheckScore(int? total, string field, int maximum, List<FieldViolation> violations)
    {
        if (total is < 0 || total > maximum)
        {
            violations.Add(new(field, $"{field} must be a questionnaire total from 0 to {maximum}; leave it out if the measure was not taken"));
        }
    }

    private static void CheckConsent(Consent consent, List<FieldViolation> violations)
    {
        if (!consent.ToTreatment)
        {
            violations.Add(new("consent.to_treatment", "consent.to_treatment must be given; the patient must agree to treatment before referral"));
        }
    }
}
