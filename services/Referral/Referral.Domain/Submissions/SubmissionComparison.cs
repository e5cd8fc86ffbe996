using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>Compares submissions made under the same idempotency key, naming fields and never their values.</summary>
public static class SubmissionComparison
{
    /// <summary>
    /// The proto paths of the fields whose canonical values differ (e.g. "patient.date_of_birth",
    /// "presenting_problems"), in a fixed order; empty when the two are the same submission.
    /// </summary>
    public static IReadOnlyList<string> DifferingFields(ReferralSubmission a, ReferralSubmission b)
    {
        var left = SubmissionNormaliser.Normalise(a);
        var right = SubmissionNormaliser.Normalise(b);
        return
        [
            .. SubmissionFields.All
                .Where(field => !string.Equals(field.Value(left), field.Value(right), StringComparison.Ordinal))
                .Select(field => field.Path),
        ];
    }

    /// <summary>
    /// Confirms that <paramref name="resubmission"/> is a retry of <paramref name="original"/>, or refuses
    /// it with ALREADY_EXISTS naming what differs, so the partner can tell a retry from a clash of ids.
    /// </summary>
    public static void EnsureSameSubmission(ReferralSubmission original, ReferralSubmission resubmission)
    {
        var differing = DifferingFields(original, resubmission);
        if (differing.Count > 0)
        {
            throw DomainException.AlreadyExists(
                $"a referral with this partner_referral_id already exists with different {string.Join(", ", differing)}; " +
                "resend the original content to retry, or use a new partner_referral_id for a new referral");
        }
    }
}
