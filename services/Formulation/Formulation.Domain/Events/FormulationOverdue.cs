namespace DitCloud.Formulation.Domain.Events;

/// <summary>
/// A session after the initial phase was attended and no version of the IPAF has been agreed.
/// Raised once per course. Carries no clinical text.
/// </summary>
public sealed record FormulationOverdue(Guid CourseId, int SessionNumber, int LastInitialPhaseSession);
