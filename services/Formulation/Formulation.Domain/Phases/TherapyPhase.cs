namespace DitCloud.Formulation.Domain.Phases;

/// <summary>The phase of a DIT course a session belongs to, as scheduling assigns it.</summary>
public enum TherapyPhase
{
    /// <summary>Initial / assessment phase: history, inventory, agreeing the focus.</summary>
    Initial = 1,

    /// <summary>Middle phase: working on the focus.</summary>
    Middle = 2,

    /// <summary>Ending phase: review, consolidation, the goodbye letter.</summary>
    Ending = 3,
}
