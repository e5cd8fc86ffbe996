namespace DitCloud.Contracts.Events.V1;

/// <summary>A partner system's referral was received and validated. Published by referral.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When the referral was received.</param>
/// <param name="ReferralId">The referral.</param>
/// <param name="PartnerId">Client id of the partner system that sent it.</param>
/// <param name="PatientReference">Pseudonymous patient reference (no personal data).</param>
public sealed record ReferralReceived(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    string PartnerId,
    Guid PatientReference) : IIntegrationEvent;

/// <summary>
/// A referral was accepted onto the DIT waiting list. Published by referral; scheduling creates
/// the course from it.
/// </summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When it was accepted.</param>
/// <param name="ReferralId">The referral.</param>
/// <param name="PartnerId">Client id of the partner system that sent it.</param>
/// <param name="PatientReference">Pseudonymous patient reference (no personal data).</param>
/// <param name="ReceivedAt">When the referral was received: the start of the waiting-time clock.</param>
/// <param name="AcceptedAt">When it was accepted.</param>
/// <param name="PreferredDeliveryMode">The patient's preference; Unspecified means none.</param>
public sealed record ReferralAccepted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    string PartnerId,
    Guid PatientReference,
    DateTimeOffset ReceivedAt,
    DateTimeOffset AcceptedAt,
    DeliveryMode PreferredDeliveryMode) : IIntegrationEvent;

/// <summary>A referral was declined and signposted elsewhere. Published by referral.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When it was declined.</param>
/// <param name="ReferralId">The referral.</param>
/// <param name="PartnerId">Client id of the partner system that sent it.</param>
/// <param name="Signpost">Where the patient was signposted (the latest screening decision's destination).</param>
public sealed record ReferralDeclined(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    string PartnerId,
    SignpostDestination Signpost) : IIntegrationEvent;

/// <summary>
/// A referral was withdrawn. Published by referral; scheduling ends any open course for it and
/// cancels its future appointments.
/// </summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When it was withdrawn.</param>
/// <param name="ReferralId">The referral.</param>
/// <param name="PartnerId">Client id of the partner system that sent it.</param>
/// <param name="Reason">Why.</param>
public sealed record ReferralWithdrawn(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    string PartnerId,
    WithdrawalReason Reason) : IIntegrationEvent;
