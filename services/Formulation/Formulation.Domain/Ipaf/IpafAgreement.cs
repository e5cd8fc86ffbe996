namespace DitCloud.Formulation.Domain.Ipaf;

/// <summary>The patient's agreement to a version: the day and session it was agreed in, and who recorded it when.</summary>
public sealed record IpafAgreement(DateOnly AgreedOn, int SessionNumber, string RecordedBy, DateTimeOffset RecordedAt);
