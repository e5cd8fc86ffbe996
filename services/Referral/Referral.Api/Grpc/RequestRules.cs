using DitCloud.Domain;
using Google.Protobuf.Collections;

namespace DitCloud.Referral.Api.Grpc;

/// <summary>Checks shared by several request messages; each names its field and the fix.</summary>
internal static class RequestRules
{
    public static void ReferralId(string value, List<FieldViolation> violations, string field = "referral_id")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            violations.Add(new(field, $"{field} is required; give the referral_id SubmitReferral or ListReferrals returned"));
        }
        else if (!Guid.TryParseExact(value, "D", out _))
        {
            violations.Add(new(field, $"{field} must be a referral id as SubmitReferral or ListReferrals returned it (a UUID such as 0198c6a2-5f0e-7a31-9d3e-2b6f1c0a4e71)"));
        }
    }

    public static Guid ReadReferralId(string value) => Guid.ParseExact(value, "D");

    /// <summary>An etag is optional; when given it must be one a read returned.</summary>
    public static void Etag(string value, List<FieldViolation> violations)
    {
        if (value.Length > 0 && !int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            violations.Add(new("etag", "etag must be the etag of a referral as a read returned it, unchanged; leave it empty to change unconditionally"));
        }
    }

    public static void Statuses(RepeatedField<V1.ReferralStatus> statuses, List<FieldViolation> violations)
    {
        for (var i = 0; i < statuses.Count; i++)
        {
            if (statuses[i] == V1.ReferralStatus.Unspecified || !Enum.IsDefined(statuses[i]))
            {
                violations.Add(new($"statuses[{i}]", $"statuses[{i}] is not a referral status; choose RECEIVED, SCREENING, ACCEPTED, DECLINED, WITHDRAWN or DISCHARGED"));
            }
        }
    }

    public static IReadOnlyList<Domain.ReferralStatus> ReadStatuses(RepeatedField<V1.ReferralStatus> statuses) =>
        [.. statuses.Distinct().Select(status => (Domain.ReferralStatus)status)];
}
