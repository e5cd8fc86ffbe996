using DeliveryMode = DitCloud.Contracts.Events.V1.DeliveryMode;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Api.Data;

/// <summary>
/// A referral's row. What was received (<see cref="Submission"/> and the ids) never changes, which a
/// trigger enforces; the current state (status, version, closing reasons) follows the append-only
/// history in <see cref="History"/> and <see cref="ScreeningDecisions"/>, so nothing is overwritten.
/// </summary>
public sealed class StoredReferral
{
    public Guid Id { get; init; }

    /// <summary>The sending partner system's client id.</summary>
    public required string PartnerId { get; init; }

    /// <summary>The partner's own id; unique per partner (the idempotency key).</summary>
    public required string PartnerReferralId { get; init; }

    /// <summary>See <see cref="SubmissionFingerprint"/>.</summary>
    public required string Fingerprint { get; init; }

    public required string ReferringOdsCode { get; init; }

    public string? Ubrn { get; init; }

    /// <summary>The pseudonymous patient id used in events and audit records.</summary>
    public Guid PatientReference { get; init; }

    /// <summary>The canonical submission as JSON (<see cref="SubmissionDocument"/>). Personal data.</summary>
    public required string Submission { get; init; }

    public DeliveryMode PreferredDeliveryMode { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public ReferralStatus Status { get; set; }

    /// <summary>When the last change was made.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The number of history entries; the optimistic concurrency token.</summary>
    public int Version { get; set; }

    public WithdrawalReason? WithdrawalReason { get; set; }

    public DischargeReason? DischargeReason { get; set; }

    public List<StoredHistoryEntry> History { get; init; } = [];

    public List<StoredScreeningDecision> ScreeningDecisions { get; init; } = [];
}

/// <summary>One change to a referral; the table is append-only.</summary>
public sealed class StoredHistoryEntry
{
    /// <summary>Assigned by the database; with <see cref="TransactionId"/>, the change feed's position.</summary>
    public long Id { get; init; }

    public Guid ReferralId { get; init; }

    public int Sequence { get; init; }

    public DateTimeOffset At { get; init; }

    public required string ActorId { get; init; }

    public ReferralChange Change { get; init; }

    public ReferralStatus? FromStatus { get; init; }

    public ReferralStatus ToStatus { get; init; }

    /// <summary>Codes only, never clinical text (see <see cref="ReferralHistoryEntry.Detail"/>).</summary>
    public required string Detail { get; init; }

    /// <summary>
    /// The writing transaction's id (PostgreSQL's pg_current_xact_id), set by the database. The change
    /// feed orders by it so that a change committed late can never slip behind a reader's position.
    /// </summary>
    public long TransactionId { get; init; }
}

/// <summary>A clinician's screening decision; append-only, the last one counts.</summary>
public sealed class StoredScreeningDecision
{
    public Guid ReferralId { get; init; }

    /// <summary>1 for the first decision on the referral.</summary>
    public int Sequence { get; init; }

    public bool Suitable { get; init; }

    /// <summary>Clinical text; empty when suitable.</summary>
    public List<string> Reasons { get; init; } = [];

    public SignpostDestination? SignpostDestination { get; init; }

    public string? OtherDestination { get; init; }

    public required string ClinicianId { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>The pseudonymous reference issued for an NHS number, once, and kept.</summary>
public sealed class PatientPseudonym
{
    /// <summary>Personal data.</summary>
    public required string NhsNumber { get; init; }

    public Guid Reference { get; init; }
}
