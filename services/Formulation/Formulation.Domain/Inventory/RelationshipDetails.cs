namespace DitCloud.Formulation.Domain.Inventory;

/// <summary>
/// What the inventory records about one significant relationship.
/// </summary>
/// <param name="Who">The other person by role ("mother", "partner", "manager"); a name is not needed.</param>
/// <param name="Timeframe">Current or past.</param>
/// <param name="Quality">How the relationship feels and goes, in the practitioner's words.</param>
/// <param name="Closeness">1 (distant) to 5 (very close).</param>
/// <param name="Conflict">1 (little) to 5 (constant).</param>
/// <param name="LinkToPattern">How it shows the interpersonal pattern; may wait until the IPAF takes shape.</param>
public sealed record RelationshipDetails(
    string Who,
    RelationshipTimeframe Timeframe,
    string Quality,
    int Closeness,
    int Conflict,
    string? LinkToPattern)
{
    public const int LowestRating = 1;
    public const int HighestRating = 5;

    /// <summary>The broad kind of relationship, for grouping the inventory; Other unless stated.</summary>
    public RelationshipKind Kind { get; init; } = RelationshipKind.Other;

    /// <summary>
    /// True when the relationship no longer belongs in the current inventory. Archiving is a revision
    /// like any other: the relationship and its history stay readable.
    /// </summary>
    public bool Archived { get; init; }

    internal void Validate() =>
        new RequestCheck()
            .RequiredText("relationship.who", Who, TextLimits.RelationshipWho)
            .Defined("relationship.kind", Kind)
            .Defined("relationship.timeframe", Timeframe)
            .RequiredText("relationship.quality", Quality, TextLimits.RelationshipDescription)
            .Range("relationship.closeness", Closeness, LowestRating, HighestRating)
            .Range("relationship.conflict", Conflict, LowestRating, HighestRating)
            .OptionalText("relationship.link_to_pattern", LinkToPattern, TextLimits.RelationshipDescription)
            .ThrowIfAny();
}
