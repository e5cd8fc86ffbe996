namespace DitCloud.Formulation.Domain.Ipaf;

/// <summary>One version of a course's IPAF. Once shared it never changes; a revision makes the next version.</summary>
public sealed record IpafVersion(
    int Number,
    IpafContent Content,
    string DraftedBy,
    DateTimeOffset DraftedAt,
    DateTimeOffset LastEditedAt,
    IpafSharing? Sharing,
    IpafAgreement? Agreement)
{
    /// <summary>Why this version revises the one before it; null for version 1 and for revisions started without a reason.</summary>
    public string? RevisionReason { get; init; }

    public IpafStatus Status =>
        Agreement is not null ? IpafStatus.Agreed
        : Sharing is not null ? IpafStatus.SharedWithPatient
        : IpafStatus.Draft;
}
