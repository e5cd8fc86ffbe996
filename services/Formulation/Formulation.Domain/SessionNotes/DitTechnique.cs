namespace DitCloud.Formulation.Domain.SessionNotes;

/// <summary>The DIT techniques a session note can record (the fixed list from the DIT manual's competences).</summary>
public enum DitTechnique
{
    LinkingPastAndPresent = 1,

    /// <summary>Working with the relationship with the practitioner as it happens (transference).</summary>
    HereAndNowTransference = 2,
    NamingEmotions = 3,
    MentalisingTheOther = 4,
    TryingAlternatives = 5,
    RolePlay = 6,
    Modelling = 7,
    Feedback = 8,
    ReviewingTheIpaf = 9,
    EndingWork = 10,
}
