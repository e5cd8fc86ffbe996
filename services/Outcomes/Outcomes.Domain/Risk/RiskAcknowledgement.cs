namespace DitCloud.Outcomes.Domain.Risk;

/// <summary>A clinician's record that they assessed a risk flag and what they did.</summary>
/// <param name="Note">Clinical text: stored in the clinical record, never logged or put in messages.</param>
public sealed record RiskAcknowledgement(Guid PractitionerId, DateTimeOffset AcknowledgedAt, RiskAction Action, string? Note);
