namespace DitCloud.Formulation.Domain.Events;

/// <summary>The goodbye letter was issued to the patient. Carries no clinical text.</summary>
public sealed record GoodbyeLetterIssued(Guid CourseId, int FormulationVersion, string IssuedBy, DateTimeOffset IssuedAt);
