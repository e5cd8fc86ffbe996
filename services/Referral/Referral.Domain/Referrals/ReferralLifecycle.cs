using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>
/// The referral state machine, as one table: which action is allowed in which status and where it leads.
/// Received -> Screening -> Accepted | Declined; Accepted -> Discharged; withdrawal from Received,
/// Screening or Accepted. Declined, Withdrawn and Discharged are closed.
/// </summary>
public static class ReferralLifecycle
{
    private static readonly Dictionary<(ReferralStatus From, ReferralAction Action), ReferralStatus> Transitions = new()
    {
        [(ReferralStatus.Received, ReferralAction.BeginScreening)] = ReferralStatus.Screening,
        // A clinician may screen straight from the queue without starting screening first.
        [(ReferralStatus.Received, ReferralAction.RecordScreeningDecision)] = ReferralStatus.Screening,
        // A decision may be revised until the referral is accepted or declined; every one is kept.
        [(ReferralStatus.Screening, ReferralAction.RecordScreeningDecision)] = ReferralStatus.Screening,
        [(ReferralStatus.Screening, ReferralAction.Accept)] = ReferralStatus.Accepted,
        [(ReferralStatus.Screening, ReferralAction.Decline)] = ReferralStatus.Declined,
        [(ReferralStatus.Received, ReferralAction.Withdraw)] = ReferralStatus.Withdrawn,
        [(ReferralStatus.Screening, ReferralAction.Withdraw)] = ReferralStatus.Withdrawn,
        [(ReferralStatus.Accepted, ReferralAction.Withdraw)] = ReferralStatus.Withdrawn,
        [(ReferralStatus.Accepted, ReferralAction.Discharge)] = ReferralStatus.Discharged,
    };

    /// <summary>The actions allowed in <paramref name="status"/>, in a fixed order; empty when the referral is closed.</summary>
    public static IReadOnlyList<ReferralAction> AllowedActions(ReferralStatus status) =>
        [.. Enum.GetValues<ReferralAction>().Where(action => Transitions.ContainsKey((status, action)))];

    public static bool IsClosed(ReferralStatus status) => AllowedActions(status).Count == 0;

    /// <summary>
    /// Where <paramref name="action"/> leads from <paramref name="status"/>, or FAILED_PRECONDITION naming
    /// the current status and the actions it allows.
    /// </summary>
    public static ReferralStatus NextStatus(ReferralStatus status, ReferralAction action)
    {
        if (Transitions.TryGetValue((status, action), out var next))
        {
            return next;
        }
        var allowed = AllowedActions(status);
        var allowedText = allowed.Count == 0
            ? "none (the referral is closed)"
            : string.Join(", ", allowed.Select(ActionName));
        throw DomainException.Precondition(
            $"cannot {ActionName(action)}: the referral is {StatusName(status)}; actions allowed now: {allowedText}");
    }

    internal static string StatusName(ReferralStatus status) => status.ToString().ToLowerInvariant();

    internal static string ActionName(ReferralAction action) => action switch
    {
        ReferralAction.BeginScreening => "begin screening",
        ReferralAction.RecordScreeningDecision => "record a screening decision",
        ReferralAction.Accept => "accept",
        ReferralAction.Decline => "decline",
        ReferralAction.Withdraw => "withdraw",
        ReferralAction.Discharge => "discharge",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown referral action."),
    };
}
