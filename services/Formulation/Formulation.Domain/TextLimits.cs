namespace DitCloud.Formulation.Domain;

/// <summary>Longest accepted clinical texts, in characters; storage and API layers size fields from these.</summary>
public static class TextLimits
{
    /// <summary>Who a relationship is with: a role such as "mother" or "partner", not a full record.</summary>
    public const int RelationshipWho = 100;

    /// <summary>A relationship's quality or its link to the pattern.</summary>
    public const int RelationshipDescription = 2_000;

    /// <summary>One part of the IPAF formulation.</summary>
    public const int IpafPart = 4_000;

    /// <summary>Why an IPAF version is revised.</summary>
    public const int RevisionReason = 2_000;

    /// <summary>How a session worked with the IPAF (part of a session note).</summary>
    public const int SessionNoteFocusWork = 4_000;

    /// <summary>The free text of a session note.</summary>
    public const int SessionNoteText = 20_000;

    /// <summary>One addendum to a signed session note.</summary>
    public const int AddendumText = 4_000;

    /// <summary>One section of the goodbye letter.</summary>
    public const int GoodbyeLetterSection = 8_000;
}
