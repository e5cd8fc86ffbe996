namespace DitCloud.Formulation.Domain.Ipaf;

/// <summary>When and by whom a version was shown to the patient.</summary>
public sealed record IpafSharing(string SharedBy, DateTimeOffset SharedAt);
