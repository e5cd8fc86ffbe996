using System.Security.Cryptography;
using System.Text;

namespace DitCloud.Referral.Domain;

/// <summary>
/// A stable hash of a submission's content, for recognising a partner's retry without comparing
/// field by field. Two submissions have the same fingerprint exactly when
/// <see cref="SubmissionComparison.DifferingFields"/> finds no difference: layout (separators, case
/// of codes, order and repeats of problems) does not count.
/// </summary>
public static class SubmissionFingerprint
{
    /// <summary>Changes whenever the canonical form does, so old and new fingerprints never collide.</summary>
    private const string FormatVersion = "referral-submission/v1";

    /// <summary>Lower-case hex SHA-256, 64 characters. Not personal data on its own, but do not log it next to identifiers.</summary>
    public static string Of(ReferralSubmission submission)
    {
        var canonical = SubmissionNormaliser.Normalise(submission);
        var text = new StringBuilder(FormatVersion).Append('\n');
        foreach (var (path, value) in SubmissionFields.All)
        {
            var content = value(canonical);
            // Length-prefixed so that no value can imitate a field boundary.
            text.Append(path).Append(':').Append(content.Length).Append(':').Append(content).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
