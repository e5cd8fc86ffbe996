using DitCloud.Domain;

namespace DitCloud.Scheduling.Domain.Attendance;

/// <summary>
/// A service's DNA policy. Missed means code 3 (did not attend) or 7 (arrived late, not seen);
/// code 2 (cancelled by the patient) counts only when <see cref="CountPatientCancellations"/> is set;
/// code 4 (cancelled by the provider) never counts against the patient.
/// </summary>
/// <param name="ReviewOnMissedFirstSession">Raise a review when the patient misses their first session.</param>
/// <param name="MissedSessionsForReview">Raise a review when the course's missed sessions reach this many, and again at each further miss.</param>
public sealed record DnaPolicy(bool ReviewOnMissedFirstSession = true, int MissedSessionsForReview = 2, bool CountPatientCancellations = false)
{
    public static DnaPolicy Default { get; } = new();

    /// <summary>Throws INVALID_ARGUMENT when the threshold cannot be met by any course.</summary>
    public DnaPolicy Validate() => MissedSessionsForReview is >= 1 and <= Courses.CoursePlan.MaxSessions
        ? this
        : throw DomainException.Invalid("missed_sessions_for_review", $"must be between 1 and {Courses.CoursePlan.MaxSessions}");

    public bool CountsAgainstPatient(AttendanceCode code) =>
        code.CountsAsMissed() || (CountPatientCancellations && code == AttendanceCode.CancelledByPatient);

    /// <summary>
    /// Whether the newest record in <paramref name="history"/> (in recording order) raises a discharge review.
    /// Only the newest is judged, so each miss raises at most one review.
    /// </summary>
    public DischargeReview? Evaluate(IReadOnlyList<AttendanceRecord> history)
    {
        if (history.Count == 0 || !CountsAgainstPatient(history[^1].Code))
        {
            return null;
        }

        var latest = history[^1];
        var missed = history.Count(r => CountsAgainstPatient(r.Code));
        var seenBefore = history.Take(history.Count - 1).Any(r => r.Code.CountsAsAttended());

        if (ReviewOnMissedFirstSession && latest.SessionNumber == 1 && !seenBefore)
        {
            return new(DischargeReviewTrigger.MissedFirstSession, missed,
                $"The first session was missed (attendance code {(int)latest.Code}); review discharge under the DNA policy.");
        }

        return missed >= MissedSessionsForReview
            ? new(DischargeReviewTrigger.RepeatedMissedSessions, missed,
                $"{missed} sessions missed in this course (policy threshold {MissedSessionsForReview}); review discharge under the DNA policy.")
            : null;
    }
}
