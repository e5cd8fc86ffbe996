namespace DitCloud.Scheduling.Domain.Courses;

/// <summary>The three phases of a DIT course.</summary>
public enum TherapyPhase
{
    /// <summary>Assessment: history, interpersonal inventory, agreeing the focus (IPAF).</summary>
    Initial = 1,

    /// <summary>Working on the agreed focus.</summary>
    Middle = 2,

    /// <summary>Review, consolidation, the goodbye letter; risk is watched closely here.</summary>
    Ending = 3,
}
