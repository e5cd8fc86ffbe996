namespace DitCloud.Formulation.Domain.Events;

/// <summary>A new draft version of the IPAF was started from an earlier one. Carries no clinical text.</summary>
public sealed record FormulationRevised(Guid CourseId, int Version, int PreviousVersion, DateTimeOffset RevisedAt);
