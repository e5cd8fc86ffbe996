namespace DitCloud.Outcomes.Domain.Measures;

/// <summary>The phase of a DIT course a session belongs to (boundaries are the service's, told by scheduling).</summary>
public enum TherapyPhase
{
    /// <summary>Assessment: history, interpersonal inventory, agreeing the focus.</summary>
    Initial = 1,

    /// <summary>Working on the agreed focus.</summary>
    Middle = 2,

    /// <summary>Review, consolidation, the goodbye letter. Symptoms can rise here, so rises are flagged.</summary>
    Ending = 3,
}
