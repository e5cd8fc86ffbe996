using DitCloud.Formulation.Domain.Ipaf;

namespace DitCloud.Formulation.Api.Data;

/// <summary>
/// One version of a course's IPAF. A draft's content is replaced as it is edited; once shared, the
/// database refuses any change to it except recording the patient's agreement once.
/// </summary>
public sealed class IpafVersionRow
{
    public Guid CourseId { get; init; }

    public int Number { get; init; }

    public string SelfRepresentation { get; set; } = "";

    public string OtherRepresentation { get; set; } = "";

    public string ConsciousAffect { get; set; } = "";

    public string? LessConsciousAffect { get; set; }

    public string DefensiveFunction { get; set; } = "";

    public string? TherapyRelationship { get; set; }

    public string? RevisionReason { get; init; }

    public required string DraftedBy { get; init; }

    public DateTimeOffset DraftedAt { get; init; }

    public DateTimeOffset LastEditedAt { get; set; }

    public string? SharedBy { get; set; }

    public DateTimeOffset? SharedAt { get; set; }

    public DateOnly? AgreedOn { get; set; }

    public int? AgreedAtSession { get; set; }

    public string? AgreementRecordedBy { get; set; }

    public DateTimeOffset? AgreementRecordedAt { get; set; }

    /// <summary>PostgreSQL's xmin: changes with every update; the etag and the optimistic concurrency token.</summary>
    public uint RowVersion { get; init; }

    public IpafVersion ToDomain() => new(
        Number,
        new IpafContent(SelfRepresentation, OtherRepresentation, new LinkingAffects(ConsciousAffect, LessConsciousAffect), DefensiveFunction, TherapyRelationship),
        DraftedBy, DraftedAt, LastEditedAt,
        SharedBy is not null && SharedAt is { } sharedAt ? new IpafSharing(SharedBy, sharedAt) : null,
        AgreedOn is { } on && AgreedAtSession is { } session && AgreementRecordedBy is not null && AgreementRecordedAt is { } recordedAt
            ? new IpafAgreement(on, session, AgreementRecordedBy, recordedAt)
            : null)
    {
        RevisionReason = RevisionReason,
    };

    public static IpafVersionRow From(Guid courseId, IpafVersion version)
    {
        var row = new IpafVersionRow
        {
            CourseId = courseId,
            Number = version.Number,
            RevisionReason = version.RevisionReason,
            DraftedBy = version.DraftedBy,
            DraftedAt = version.DraftedAt,
        };
        row.Apply(version);
        return row;
    }

    /// <summary>Copies what may have changed in a version (its content while a draft, its sharing, its agreement).</summary>
    public void Apply(IpafVersion version)
    {
        SelfRepresentation = version.Content.SelfRepresentation;
        OtherRepresentation = version.Content.OtherRepresentation;
        ConsciousAffect = version.Content.LinkingAffects.Conscious;
        LessConsciousAffect = version.Content.LinkingAffects.LessConscious;
        DefensiveFunction = version.Content.DefensiveFunction;
        TherapyRelationship = version.Content.TherapyRelationship;
        LastEditedAt = version.LastEditedAt;
        SharedBy = version.Sharing?.SharedBy;
        SharedAt = version.Sharing?.SharedAt;
        AgreedOn = version.Agreement?.AgreedOn;
        AgreedAtSession = version.Agreement?.SessionNumber;
        AgreementRecordedBy = version.Agreement?.RecordedBy;
        AgreementRecordedAt = version.Agreement?.RecordedAt;
    }

    public string Etag => $"{Number}.{RowVersion}";
}
