namespace DitCloud.Formulation.Domain.Events;

/// <summary>The patient agreed a version of the IPAF. Carries no clinical text.</summary>
public sealed record FormulationAgreed(Guid CourseId, int Version, DateOnly AgreedOn, int SessionNumber);
