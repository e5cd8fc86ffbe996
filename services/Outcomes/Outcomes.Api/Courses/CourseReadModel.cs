using System.Text.Json;
using DitCloud.Outcomes.Domain.CourseOutcomes;
using DitCloud.Outcomes.Domain.Kpis;
using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Api.Data;

namespace DitCloud.Outcomes.Api.Courses;

/// <summary>
/// Keeps each course's row of the KPI read model current: after any change to a course (measures,
/// attendance, its end, its practitioner) the domain assesses it again and the row takes the result,
/// in the same unit of work as the change. Bumping the row's version makes concurrent changes to one
/// course serialise: the loser retries and assesses with both.
/// </summary>
public sealed class CourseReadModel(ServiceCalendar calendar)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public CourseOutcome Refresh(CourseRecord course)
    {
        var history = course.History(calendar);
        var outcome = RecoveryCalculator.Assess(history);
        var dates = history.AttendedDates;
        var row = course.Row;
        row.ReferredOn = row.ReferralReceivedAt is { } received ? calendar.LocalDate(received) : null;
        row.FirstSessionOn = dates.Count > 0 ? dates[0] : null;
        row.SecondSessionOn = dates.Count > 1 ? dates[1] : null;
        row.EndedOn = history.EndedOn;
        row.MeasureGapCount = MissingMeasures.Find(history.AttendedSessions, history.Measures).Count;
        row.Outcome = JsonSerializer.Serialize(outcome, Json);
        row.AssessedAt = calendar.Now();
        row.Version++;
        return outcome;
    }

    /// <summary>
    /// The course as the KPIs count it; null while it cannot be counted yet (no practitioner, or the
    /// referral date not yet known from CourseCreated, or never assessed).
    /// </summary>
    public static CourseKpiRecord? KpiRecord(CourseRow row) =>
        row is { PractitionerId: { } practitioner, ReferredOn: { } referred, Outcome: { } outcome }
            ? new CourseKpiRecord(practitioner, referred, row.FirstSessionOn, row.SecondSessionOn, row.EndedOn, OutcomeOf(outcome))
            : null;

    private static CourseOutcome OutcomeOf(string json) =>
        JsonSerializer.Deserialize<CourseOutcome>(json, Json) ?? throw new InvalidOperationException("A stored course outcome is empty.");
}
