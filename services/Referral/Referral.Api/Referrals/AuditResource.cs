namespace DitCloud.Referral.Api.Referrals;

/// <summary>The resource types this service writes to the audit trail.</summary>
internal static class AuditResource
{
    public const string Referral = "referral";
}
