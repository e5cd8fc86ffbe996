using DitCloud.Scheduling.Domain.Attendance;

namespace DitCloud.Scheduling.Tests;

public sealed class DnaPolicyTests
{
    private const AttendanceCode Seen = AttendanceCode.Attended;
    private const AttendanceCode Dna = AttendanceCode.DidNotAttend;
    private const AttendanceCode LateNotSeen = AttendanceCode.ArrivedLateNotSeen;
    private const AttendanceCode PatientCancelled = AttendanceCode.CancelledByPatient;
    private const AttendanceCode ProviderCancelled = AttendanceCode.CancelledByProvider;

    public static TheoryData<string, DnaPolicy, AttendanceCode[], DischargeReviewTrigger?> Cases => new()
    {
        { "first session DNA", DnaPolicy.Default, [Dna], DischargeReviewTrigger.MissedFirstSession },
        { "first session late, not seen", DnaPolicy.Default, [LateNotSeen], DischargeReviewTrigger.MissedFirstSession },
        { "first session late but seen", DnaPolicy.Default, [AttendanceCode.ArrivedLateButSeen], null },
        { "provider cancels, then first session DNA", DnaPolicy.Default, [ProviderCancelled, Dna], DischargeReviewTrigger.MissedFirstSession },
        { "first-session rule switched off", DnaPolicy.Default with { ReviewOnMissedFirstSession = false }, [Dna], null },
        { "one DNA after attending", DnaPolicy.Default, [Seen, Dna], null },
        { "second DNA reaches the default of 2", DnaPolicy.Default, [Seen, Dna, Seen, Dna], DischargeReviewTrigger.RepeatedMissedSessions },
        { "late-not-seen counts as missed", DnaPolicy.Default, [Seen, LateNotSeen, Dna], DischargeReviewTrigger.RepeatedMissedSessions },
        { "threshold of 3 not yet reached", DnaPolicy.Default with { MissedSessionsForReview = 3 }, [Seen, Dna, Seen, Dna], null },
        { "threshold of 3 reached", DnaPolicy.Default with { MissedSessionsForReview = 3 }, [Seen, Dna, Dna, Seen, Dna], DischargeReviewTrigger.RepeatedMissedSessions },
        { "provider cancellations never count", DnaPolicy.Default, [Seen, Dna, ProviderCancelled, ProviderCancelled, Seen], null },
        { "provider cancellations before a DNA do not add to it", DnaPolicy.Default, [Seen, ProviderCancelled, ProviderCancelled, Dna], null },
        { "a provider cancellation after a DNA raises nothing", DnaPolicy.Default, [Seen, Dna, ProviderCancelled], null },
        { "patient cancellations do not count by default", DnaPolicy.Default, [Seen, PatientCancelled, PatientCancelled, Dna], null },
        { "patient cancellations count when configured", DnaPolicy.Default with { CountPatientCancellations = true }, [Seen, PatientCancelled, Dna], DischargeReviewTrigger.RepeatedMissedSessions },
        { "a counted patient cancellation can itself raise the review", DnaPolicy.Default with { CountPatientCancellations = true }, [Seen, Dna, PatientCancelled], DischargeReviewTrigger.RepeatedMissedSessions },
        { "attending after the threshold raises nothing new", DnaPolicy.Default, [Seen, Dna, Dna, Seen], null },
        { "a further miss past the threshold raises again", DnaPolicy.Default, [Seen, Dna, Dna, Seen, Dna], DischargeReviewTrigger.RepeatedMissedSessions },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_latest_outcome_raises_a_discharge_review_only_under_the_policy(
        string because, DnaPolicy policy, AttendanceCode[] codes, DischargeReviewTrigger? expected)
    {
        var review = Given.Run(Given.AssignedCourse(), policy, codes).Reviews[^1];

        (review?.Trigger).ShouldBe(expected, because);
    }

    [Fact]
    public void The_review_reason_states_the_rule_and_no_personal_data()
    {
        var first = Given.Run(Given.AssignedCourse(), DnaPolicy.Default, Dna).Results;
        var repeated = Given.Run(Given.AssignedCourse(), DnaPolicy.Default, Seen, Dna, LateNotSeen).Results;

        first[^1].DischargeReview.ShouldBe(new DischargeReview(DischargeReviewTrigger.MissedFirstSession, 1,
            "The first session was missed (attendance code 3); review discharge under the DNA policy."));
        repeated[^1].DischargeReview.ShouldBe(new DischargeReview(DischargeReviewTrigger.RepeatedMissedSessions, 2,
            "2 sessions missed in this course (policy threshold 2); review discharge under the DNA policy."));
    }

    [Fact]
    public void Provider_cancellations_are_not_missed_sessions()
    {
        var course = Given.Run(Given.AssignedCourse(), DnaPolicy.Default, ProviderCancelled, ProviderCancelled, ProviderCancelled, Seen).Course;

        DnaPolicy.Default.CountsAgainstPatient(ProviderCancelled).ShouldBeFalse();
        (DnaPolicy.Default with { CountPatientCancellations = true }).CountsAgainstPatient(ProviderCancelled).ShouldBeFalse();
        course.AttendanceHistory.Count(r => DnaPolicy.Default.CountsAgainstPatient(r.Code)).ShouldBe(0);
        course.SessionsLeftToBook.ShouldBe(15);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(16, true)]
    [InlineData(17, false)]
    public void The_threshold_must_be_reachable(int threshold, bool valid)
    {
        var policy = DnaPolicy.Default with { MissedSessionsForReview = threshold };

        if (valid)
        {
            policy.Validate().ShouldBe(policy);
        }
        else
        {
            Refusal.OfField("missed_sessions_for_review", () => policy.Validate()).ShouldBe("must be between 1 and 16");
        }
    }

    [Fact]
    public void An_empty_history_raises_nothing() =>
        DnaPolicy.Default.Evaluate([]).ShouldBeNull();
}
