using DitCloud.Domain;

namespace DitCloud.Scheduling.Domain.Courses;

/// <summary>A validated course shape: how many sessions, how long each is, and the phase of each.</summary>
public sealed record CoursePlan
{
    public const int MinSessions = 8;
    public const int MaxSessions = 16;
    public const int MinSessionMinutes = 30;
    public const int MaxSessionMinutes = 50;

    private CoursePlan(int sessionCount, TimeSpan sessionLength, PhaseBoundaries phases)
    {
        SessionCount = sessionCount;
        SessionLength = sessionLength;
        Phases = phases;
        Sessions = [.. Enumerable.Range(1, sessionCount).Select(n => new PlannedSession(n, phases.PhaseOf(n)))];
    }

    /// <summary>16 sessions of 50 minutes in the manual's phases.</summary>
    public static CoursePlan Default { get; } = Create(new CoursePlanOptions());

    public int SessionCount { get; }

    public TimeSpan SessionLength { get; }

    public PhaseBoundaries Phases { get; }

    public IReadOnlyList<PlannedSession> Sessions { get; }

    public TherapyPhase PhaseOf(int session) => Phases.PhaseOf(session);

    /// <summary>Validates <paramref name="options"/>; throws INVALID_ARGUMENT naming every field at fault.</summary>
    public static CoursePlan Create(CoursePlanOptions options)
    {
        var violations = new List<FieldViolation>();
        var countValid = options.SessionCount is >= MinSessions and <= MaxSessions;
        if (!countValid)
        {
            violations.Add(new("session_count", $"must be between {MinSessions} and {MaxSessions}"));
        }

        if (options.SessionMinutes is < MinSessionMinutes or > MaxSessionMinutes)
        {
            violations.Add(new("session_minutes", $"must be between {MinSessionMinutes} and {MaxSessionMinutes}"));
        }

        var phases = options.Phases;
        if (phases is null && options.SessionCount != PhaseBoundaries.SixteenSessionDefault.Ending.Last)
        {
            violations.Add(new("phases", "give the phase boundaries: the default (1-4, 5-12, 13-16) fits a 16-session course only"));
        }
        else if (phases is not null && countValid)
        {
            violations.AddRange(PhaseViolations(phases, options.SessionCount));
        }

        if (violations.Count > 0)
        {
            throw DomainException.Invalid(violations);
        }

        return new(options.SessionCount, TimeSpan.FromMinutes(options.SessionMinutes), phases ?? PhaseBoundaries.SixteenSessionDefault);
    }

    private static IEnumerable<FieldViolation> PhaseViolations(PhaseBoundaries phases, int sessionCount)
    {
        (string Field, SessionRange Range, int ExpectedFirst)[] ordered =
        [
            ("phases.initial", phases.Initial, 1),
            ("phases.middle", phases.Middle, phases.Initial.Last + 1),
            ("phases.ending", phases.Ending, phases.Middle.Last + 1),
        ];

        foreach (var (field, range, expectedFirst) in ordered)
        {
            if (range.Last < range.First)
            {
                yield return new(field, "its last session must not come before its first");
            }

            if (range.First != expectedFirst)
            {
                yield return expectedFirst == 1
                    ? new(field, "must start at session 1")
                    : new(field, $"must start at session {expectedFirst}, straight after the previous phase, so phases are contiguous");
            }
        }

        if (phases.Ending.Last != sessionCount)
        {
            yield return new("phases.ending", $"must end at session {sessionCount}, the last session of the course");
        }
    }
}
