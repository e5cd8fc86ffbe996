using DitCloud.Formulation.Domain.GoodbyeLetters;
using DitCloud.Formulation.Domain.Ipaf;

namespace DitCloud.Formulation.Api.Data;

/// <summary>
/// A course's goodbye letter, with the agreed IPAF it quotes copied in so it reads as it was issued.
/// Its sections are replaced while it is a draft; once issued, the database refuses any change.
/// </summary>
public sealed class GoodbyeLetterRow
{
    public Guid CourseId { get; init; }

    public int FormulationVersion { get; init; }

    public required string SelfRepresentation { get; init; }

    public required string OtherRepresentation { get; init; }

    public required string ConsciousAffect { get; init; }

    public string? LessConsciousAffect { get; init; }

    public required string DefensiveFunction { get; init; }

    public string? TherapyRelationship { get; init; }

    public string ProgressMade { get; set; } = "";

    public string WhatToWatchFor { get; set; } = "";

    public string ManagingSetbacks { get; set; } = "";

    public required string DraftedBy { get; init; }

    public DateTimeOffset DraftedAt { get; init; }

    public DateTimeOffset LastEditedAt { get; set; }

    public string? IssuedBy { get; set; }

    public DateTimeOffset? IssuedAt { get; set; }

    public int? IssuedAtSession { get; set; }

    /// <summary>PostgreSQL's xmin: the etag and the optimistic concurrency token.</summary>
    public uint RowVersion { get; init; }

    public string Etag => RowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public GoodbyeLetter ToDomain() => new(
        CourseId,
        FormulationVersion,
        new IpafContent(SelfRepresentation, OtherRepresentation, new LinkingAffects(ConsciousAffect, LessConsciousAffect), DefensiveFunction, TherapyRelationship),
        new GoodbyeLetterContent(ProgressMade, WhatToWatchFor, ManagingSetbacks),
        DraftedBy, DraftedAt, LastEditedAt, IssuedBy, IssuedAt)
    {
        IssuedAtSession = IssuedAtSession,
    };

    public static GoodbyeLetterRow From(GoodbyeLetter letter)
    {
        var row = new GoodbyeLetterRow
        {
            CourseId = letter.CourseId,
            FormulationVersion = letter.FormulationVersion,
            SelfRepresentation = letter.Formulation.SelfRepresentation,
            OtherRepresentation = letter.Formulation.OtherRepresentation,
            ConsciousAffect = letter.Formulation.LinkingAffects.Conscious,
            LessConsciousAffect = letter.Formulation.LinkingAffects.LessConscious,
            DefensiveFunction = letter.Formulation.DefensiveFunction,
            TherapyRelationship = letter.Formulation.TherapyRelationship,
            DraftedBy = letter.DraftedBy,
            DraftedAt = letter.DraftedAt,
        };
        row.Apply(letter);
        return row;
    }

    public void Apply(GoodbyeLetter letter)
    {
        ProgressMade = letter.Content.ProgressMade;
        WhatToWatchFor = letter.Content.WhatToWatchFor;
        ManagingSetbacks = letter.Content.ManagingSetbacks;
        LastEditedAt = letter.LastEditedAt;
        IssuedBy = letter.IssuedBy;
        IssuedAt = letter.IssuedAt;
        IssuedAtSession = letter.IssuedAtSession;
    }
}
