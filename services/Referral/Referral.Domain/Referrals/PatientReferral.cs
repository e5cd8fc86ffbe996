using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>
/// A referral for DIT (the aggregate; named so it does not clash with the DitCloud.Referral namespace).
/// Changes go through the <see cref="ReferralLifecycle"/> table; each appends one
/// <see cref="ReferralHistoryEntry"/> and nothing is overwritten. Time and actor are passed in: the
/// domain has no clock and no notion of the caller.
/// </summary>
public sealed class PatientReferral
{
    private readonly List<ReferralHistoryEntry> history;
    private readonly List<RecordedScreeningDecision> screeningDecisions;

    private PatientReferral(Guid id, string partnerId, ValidatedSubmission submission,
        List<ReferralHistoryEntry> history, List<RecordedScreeningDecision> screeningDecisions,
        WithdrawalReason? withdrawalReason, DischargeReason? dischargeReason)
    {
        Id = id;
        PartnerId = partnerId;
        Submission = submission;
        this.history = history;
        this.screeningDecisions = screeningDecisions;
        WithdrawalReason = withdrawalReason;
        DischargeReason = dischargeReason;
    }

    public Guid Id { get; }

    /// <summary>The partner system that sent the referral (its client id).</summary>
    public string PartnerId { get; }

    /// <summary>The partner's id for the referral; unique per <see cref="PartnerId"/>.</summary>
    public string PartnerReferralId => Submission.Content.PartnerReferralId;

    public ValidatedSubmission Submission { get; }

    public NhsNumber NhsNumber => Submission.NhsNumber;

    public OdsCode ReferringOrganisation => Submission.ReferringOrganisation;

    public DateTimeOffset ReceivedAt => history[0].At;

    public ReferralStatus Status => history[^1].To;

    /// <summary>The number of changes so far; use it as the optimistic concurrency token.</summary>
    public int Version => history.Count;

    public IReadOnlyList<ReferralHistoryEntry> History => history;

    /// <summary>Every screening decision, oldest first; the last one counts.</summary>
    public IReadOnlyList<RecordedScreeningDecision> ScreeningDecisions => screeningDecisions;

    public RecordedScreeningDecision? LatestScreeningDecision => screeningDecisions.LastOrDefault();

    /// <summary>Where the patient was directed, once the referral is declined.</summary>
    public Signpost? SignpostedTo =>
        Status == ReferralStatus.Declined && LatestScreeningDecision?.Decision is ScreeningDecision.NotSuitable notSuitable
            ? notSuitable.SignpostedTo
            : null;

    public WithdrawalReason? WithdrawalReason { get; private set; }

    public DischargeReason? DischargeReason { get; private set; }

    public IReadOnlyList<ReferralAction> AllowedActions => ReferralLifecycle.AllowedActions(Status);

    /// <summary>A new referral in status Received.</summary>
    /// <param name="partnerId">The sending partner system's client id.</param>
    /// <param name="actor">Who received it (usually the partner's client id).</param>
    public static PatientReferral Receive(Guid id, string partnerId, ValidatedSubmission submission, string actor, DateTimeOffset receivedAt)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("A referral needs a non-empty id.", nameof(id));
        }
        RequireIdentity(partnerId, "partner_id");
        RequireIdentity(actor, "actor");
        var received = new ReferralHistoryEntry(1, receivedAt, actor, ReferralChange.Received, null, ReferralStatus.Received,
            $"received from referring organisation {submission.ReferringOrganisation}");
        return new(id, partnerId, submission, [received], [], null, null);
    }

    public void BeginScreening(string actor, DateTimeOffset at) =>
        Apply(ReferralAction.BeginScreening, ReferralChange.ScreeningBegun, actor, at, "screening begun");

    /// <summary>Records a clinician's decision; the referral is then accepted or declined to match it.</summary>
    public void RecordScreeningDecision(ScreeningDecision decision, string clinician, DateTimeOffset at)
    {
        var detail = decision switch
        {
            ScreeningDecision.NotSuitable notSuitable =>
                $"not suitable for DIT ({notSuitable.Reasons.Count} reason(s)); signposted to {notSuitable.SignpostedTo.Destination}",
            _ => "suitable for DIT",
        };
        Apply(ReferralAction.RecordScreeningDecision, ReferralChange.ScreeningDecisionRecorded, clinician, at, detail);
        screeningDecisions.Add(new(decision, clinician, at));
    }

    public void Accept(string actor, DateTimeOffset at)
    {
        ReferralLifecycle.NextStatus(Status, ReferralAction.Accept);
        if (LatestScreeningDecision?.Decision is not ScreeningDecision.Suitable)
        {
            throw DomainException.Precondition(
                "cannot accept: the latest screening decision is not 'suitable'; record a suitable screening decision first, or decline the referral");
        }
        Apply(ReferralAction.Accept, ReferralChange.Accepted, actor, at, "accepted for DIT");
    }

    public void Decline(string actor, DateTimeOffset at)
    {
        ReferralLifecycle.NextStatus(Status, ReferralAction.Decline);
        if (LatestScreeningDecision?.Decision is not ScreeningDecision.NotSuitable notSuitable)
        {
            throw DomainException.Precondition(
                "cannot decline: the latest screening decision is not 'not suitable'; record a not-suitable screening decision with reasons and a signpost first");
        }
        Apply(ReferralAction.Decline, ReferralChange.Declined, actor, at, $"declined; signposted to {notSuitable.SignpostedTo.Destination}");
    }

    public void Withdraw(WithdrawalReason reason, string actor, DateTimeOffset at)
    {
        RequireDefined(reason, "reason", "choose why the referral is withdrawn");
        Apply(ReferralAction.Withdraw, ReferralChange.Withdrawn, actor, at, $"withdrawn: {reason}");
        WithdrawalReason = reason;
    }

    public void Discharge(DischargeReason reason, string actor, DateTimeOffset at)
    {
        RequireDefined(reason, "reason", "choose why the patient is discharged");
        Apply(ReferralAction.Discharge, ReferralChange.Discharged, actor, at, $"discharged: {reason}");
        DischargeReason = reason;
    }

    /// <summary>The state to store; <see cref="Restore"/> rebuilds the referral from it.</summary>
    public ReferralSnapshot ToSnapshot() =>
        new(Id, PartnerId, Submission.Content, Status, [.. screeningDecisions], WithdrawalReason, DischargeReason, [.. history]);

    /// <summary>
    /// Rebuilds a stored referral. The submission is not re-validated (rules and the date move on; what was
    /// received stays received), but the snapshot must be consistent, or this throws: stored data is corrupt.
    /// </summary>
    public static PatientReferral Restore(ReferralSnapshot snapshot)
    {
        var history = snapshot.History.ToList();
        if (history.Count == 0 || history[0].Change != ReferralChange.Received)
        {
            throw new InvalidOperationException($"Referral {snapshot.Id} is stored without its receipt in the history.");
        }
        if (history[^1].To != snapshot.Status)
        {
            throw new InvalidOperationException($"Referral {snapshot.Id} is stored as {snapshot.Status} but its history ends at {history[^1].To}.");
        }
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Sequence != i + 1)
            {
                throw new InvalidOperationException($"Referral {snapshot.Id} has a gap or repeat in its history at entry {i + 1}.");
            }
        }
        var submission = new ValidatedSubmission(SubmissionNormaliser.Normalise(snapshot.Submission));
        return new(snapshot.Id, snapshot.PartnerId, submission, history, [.. snapshot.ScreeningDecisions],
            snapshot.WithdrawalReason, snapshot.DischargeReason);
    }

    private void Apply(ReferralAction action, ReferralChange change, string actor, DateTimeOffset at, string detail)
    {
        RequireIdentity(actor, "actor");
        var from = Status;
        var to = ReferralLifecycle.NextStatus(from, action);
        history.Add(new(history.Count + 1, at, actor, change, from, to, detail));
    }

    private static void RequireIdentity(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw DomainException.Invalid(field, $"{field} is required; pass the authenticated caller's id");
        }
    }

    private static void RequireDefined<TEnum>(TEnum value, string field, string howToFix) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw DomainException.Invalid(field, $"{field} is required; {howToFix}");
        }
    }
}
