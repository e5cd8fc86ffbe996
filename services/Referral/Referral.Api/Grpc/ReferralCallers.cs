using DitCloud.Persistence;
using DitCloud.Referral.Api.Referrals;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;

namespace DitCloud.Referral.Api.Grpc;

/// <summary>
/// Who may call what, from the verified caller's token: reading needs referral.read, screening and
/// deciding referral.manage, submitting referral.submit and a partner system (the referral is the
/// sender's). Withdrawing is for staff with referral.manage and for the partner that sent the referral.
/// Which referrals a caller sees is decided by <see cref="ReferralCaller.MaySee"/>.
/// </summary>
internal static class ReferralCallers
{
    public static ReferralCaller Submitter(ServerCallContext context)
    {
        var caller = context.RequireScope(Scopes.ReferralSubmit);
        return caller.Kind == CallerKind.Partner
            ? From(caller)
            : throw Denied("only partner systems submit referrals: a referral belongs to the partner system that sends it");
    }

    public static ReferralCaller Reader(ServerCallContext context) => From(context.RequireScope(Scopes.ReferralRead));

    public static ReferralCaller Manager(ServerCallContext context) => From(context.RequireScope(Scopes.ReferralManage));

    public static ReferralCaller Withdrawer(ServerCallContext context)
    {
        var caller = context.GetCaller();
        return caller.HasScope(Scopes.ReferralManage) || (caller.Kind == CallerKind.Partner && caller.HasScope(Scopes.ReferralSubmit))
            ? From(caller)
            : throw Denied($"This call needs the scope '{Scopes.ReferralManage}', or '{Scopes.ReferralSubmit}' for the partner system that sent the referral.");
    }

    private static ReferralCaller From(Caller caller) =>
        new(caller.Id, caller.Kind == CallerKind.Partner, new AuditActor(caller.Id, caller.Kind.ToString().ToLowerInvariant()));

    private static RpcException Denied(string message) => new(new Status(StatusCode.PermissionDenied, message));
}
