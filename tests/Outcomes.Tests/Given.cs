using DitCloud.Outcomes.Domain.CourseOutcomes;
using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Tests;

/// <summary>Test data. Session n is measured n weeks after <see cref="TreatmentStart"/>; the manual's phases (1-4, 5-12, 13-16).</summary>
internal static class Given
{
    public static readonly DateTimeOffset TreatmentStart = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly ReferredOn = new(2026, 2, 2);

    public static readonly Guid CourseId = Id(300);

    public static readonly Guid PractitionerId = Id(100);

    /// <summary>A readable, ordered id.</summary>
    public static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    public static TherapyPhase PhaseOf(int session) =>
        session <= 4 ? TherapyPhase.Initial : session <= 12 ? TherapyPhase.Middle : TherapyPhase.Ending;

    /// <summary>Item scores that add up to <paramref name="total"/>, filling items from the first, each up to <paramref name="max"/>.</summary>
    public static int?[] Spread(int total, int count, int max)
    {
        if (total < 0 || total > count * max)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "No such total for this questionnaire.");
        }

        var items = new int?[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = Math.Min(max, total);
            total -= items[i]!.Value;
        }

        return items;
    }

    /// <summary>PHQ-9 answers with the given total and item 9 score.</summary>
    public static int?[] Phq9Items(int total, int item9 = 0) => [.. Spread(total - item9, 8, 3), item9];

    public static int?[] Gad7Items(int total) => Spread(total, 7, 3);

    public static int?[] WsasItems(int total) => Spread(total, 5, 8);

    public static MeasureAnswers Answers(int? phq9 = null, int? gad7 = null, int? wsas = null, int item9 = 0) =>
        new(phq9 is { } p ? Phq9Items(p, item9) : null, gad7 is { } g ? Gad7Items(g) : null, wsas is { } w ? WsasItems(w) : null);

    /// <summary>Measures at session <paramref name="session"/>, in the manual's phase unless <paramref name="phase"/> says otherwise.</summary>
    public static MeasureSet Session(int session, int? phq9 = null, int? gad7 = null, int? wsas = null, int item9 = 0, TherapyPhase? phase = null) =>
        MeasureSet.Record(Id(1000 + session), MeasurementPoint.Session(session, phase ?? PhaseOf(session)),
            TreatmentStart.AddDays(7 * (session - 1)), Answers(phq9, gad7, wsas, item9), Now);

    public static MeasureSet Assessment(int? phq9 = null, int? gad7 = null, int? wsas = null) =>
        MeasureSet.Record(Id(999), MeasurementPoint.Assessment, TreatmentStart.AddDays(-14), Answers(phq9, gad7, wsas), Now);

    public static MeasureSet FollowUp(int? phq9 = null, int? gad7 = null, int? wsas = null, int item9 = 0) =>
        MeasureSet.Record(Id(2000), MeasurementPoint.FollowUp, TreatmentStart.AddDays(7 * 30), Answers(phq9, gad7, wsas, item9), Now);

    /// <summary>Sessions 1 to <paramref name="count"/> attended, a week apart from the start of treatment.</summary>
    public static IReadOnlyList<AttendedSession> Attended(int count) =>
        [.. Enumerable.Range(1, count).Select(n => new AttendedSession(n, DateOnly.FromDateTime(TreatmentStart.UtcDateTime).AddDays(7 * (n - 1))))];

    public static CourseHistory Course(int attended, bool ended, params MeasureSet[] measures) =>
        new(CourseId, PractitionerId, ReferredOn, Attended(attended), ended ? new DateOnly(2026, 6, 30) : null, measures);

    /// <summary>A finished course (ended after 16 attended sessions) with measures at session 1 and the last session.</summary>
    public static CourseHistory Finished(int? phq9First, int? gad7First, int? phq9Last, int? gad7Last) =>
        Course(16, ended: true, Session(1, phq9First, gad7First), Session(16, phq9Last, gad7Last));
}
