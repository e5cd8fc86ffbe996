using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Domain.Assignment;

/// <summary>
/// The outcome of assigning a practitioner: the one chosen, or none (the patient waits in the
/// queue), with the reason in words to record against the course. The reason names practitioners
/// by id only and never contains patient data.
/// </summary>
public sealed record AssignmentDecision(Practitioner? Chosen, string Reason)
{
    public bool IsAssigned => Chosen is not null;
}
