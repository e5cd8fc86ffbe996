namespace DitCloud.Formulation.Domain.Phases;

/// <summary>
/// Where the service ends the initial phase (a service setting: sessions 1-4 by default, some
/// services say 2-3). The formulation is due to be agreed by then.
/// </summary>
public sealed record InitialPhase
{
    public const int DefaultLastSession = 4;

    public InitialPhase(int lastSession)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lastSession, 1);
        LastSession = lastSession;
    }

    public static InitialPhase Default { get; } = new(DefaultLastSession);

    public int LastSession { get; }

    /// <summary>True from the first session after the initial phase on.</summary>
    public bool IsOverAt(int sessionNumber) => sessionNumber > LastSession;
}
