using DitCloud.Outcomes.Api.Courses;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Api.Kpis;
using DitCloud.Outcomes.Api.Measures;
using DitCloud.Outcomes.Api.Risk;
using DitCloud.Outcomes.Domain.CourseOutcomes;
using DitCloud.Outcomes.Domain.Kpis;
using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Questionnaires;
using DitCloud.Outcomes.Domain.Risk;
using Google.Protobuf.WellKnownTypes;
using V1 = DitCloud.Outcomes.V1;

namespace DitCloud.Outcomes.Api.Grpc;

/// <summary>Domain and stored values to and from the dit.outcomes.v1 messages.</summary>
public static class ProtoMapping
{
    public static V1.MeasureSet MeasureSet(MeasureSetRow row, CourseRecord course)
    {
        var set = MeasureRows.ToDomain(row);
        var message = new V1.MeasureSet
        {
            MeasureSetId = row.Id.ToString(),
            CourseId = row.CourseId.ToString(),
            Occasion = (V1.MeasurementOccasion)(int)row.Occasion,
            SessionNumber = row.SessionNumber,
            MeasureTime = Timestamp.FromDateTimeOffset(row.MeasuredAt),
            Scores = Scores(set),
            Version = row.Version,
            CorrectsMeasureSetId = row.CorrectsId?.ToString() ?? "",
            CorrectionReason = row.CorrectionReason ?? "",
            RecordTime = Timestamp.FromDateTimeOffset(row.RecordedAt),
            RecordedBy = row.RecordedBy,
            SupersededByMeasureSetId = course.MeasureSets.SingleOrDefault(later => later.CorrectsId == row.Id)?.Id.ToString() ?? "",
        };
        if (row.Phq9Items is { } phq9) message.Phq9 = new V1.Phq9 { Items = { phq9 } };
        if (row.Gad7Items is { } gad7) message.Gad7 = new V1.Gad7 { Items = { gad7 } };
        if (row.WsasItems is { } wsas) message.Wsas = new V1.Wsas { Items = { wsas }, WorkItemNotApplicable = row.WsasWorkItemNotApplicable };
        return message;
    }

    public static V1.MeasureScores Scores(MeasureSet set)
    {
        var scores = Scores(set.Phq9?.Total, set.Gad7?.Total, set.Wsas?.Total, set.AtCaseness);
        if (set.Phq9 is { } phq9) scores.Phq9Item9 = phq9.Item9;
        return scores;
    }

    /// <summary>Scores from totals alone (a course's first or last), each band worked out from its total.</summary>
    public static V1.MeasureScores Scores(int? phq9, int? gad7, int? wsas, bool caseness)
    {
        var scores = new V1.MeasureScores
        {
            Phq9Caseness = phq9 is { } p && MeasureThresholds.Phq9.AtCaseness(p),
            Gad7Caseness = gad7 is { } g && MeasureThresholds.Gad7.AtCaseness(g),
            Caseness = caseness,
        };
        if (phq9 is { } phq9Total)
        {
            scores.Phq9Total = phq9Total;
            scores.Phq9Severity = (V1.Phq9Severity)(int)Phq9.SeverityOf(phq9Total);
        }

        if (gad7 is { } gad7Total)
        {
            scores.Gad7Total = gad7Total;
            scores.Gad7Severity = (V1.Gad7Severity)(int)Gad7.SeverityOf(gad7Total);
        }

        if (wsas is { } wsasTotal)
        {
            scores.WsasTotal = wsasTotal;
            scores.WsasImpairment = (V1.WsasImpairment)(int)Wsas.ImpairmentOf(wsasTotal);
        }

        return scores;
    }

    public static V1.RiskFlag RiskFlag(RiskFlagRow row)
    {
        var message = new V1.RiskFlag
        {
            RiskFlagId = row.Id.ToString(),
            CourseId = row.CourseId.ToString(),
            MeasureSetId = row.MeasureSetId.ToString(),
            SessionNumber = row.SessionNumber ?? 0,
            Phq9Item9 = row.Phq9Item9 ?? 0,
            Status = row.Acknowledgement is null ? V1.RiskFlagStatus.Open : V1.RiskFlagStatus.Acknowledged,
            RaiseTime = Timestamp.FromDateTimeOffset(row.RaisedAt),
            Reason = (V1.RiskFlagReason)(int)row.Reason,
            Rises = { RiskFlagRows.Rises(row).Select(Rise) },
        };
        if (row.Acknowledgement is { } done)
        {
            message.AcknowledgedByPractitionerId = done.PractitionerId.ToString();
            message.Action = (V1.RiskAction)(int)done.Action;
            message.AcknowledgeTime = Timestamp.FromDateTimeOffset(done.AcknowledgedAt);
            message.AcknowledgementNote = done.Note ?? "";
        }

        return message;
    }

    public static V1.CourseOutcome CourseOutcome(CourseOutcome outcome, CourseRecord course, IReadOnlyList<SessionMeasureGap> gaps)
    {
        var message = new V1.CourseOutcome
        {
            CourseId = outcome.CourseId.ToString(),
            Status = (V1.OutcomeStatus)(int)outcome.Status,
            First = Scores(outcome.Phq9?.First, outcome.Gad7?.First, outcome.Wsas?.First, outcome.CasenessAtStart == true),
            Last = Scores(outcome.Phq9?.Last, outcome.Gad7?.Last, outcome.Wsas?.Last, outcome.CasenessAtEnd == true),
            MeasureCount = outcome.MeasureCount,
            SessionsAttended = outcome.SessionsAttended,
            OpenRiskFlags = course.RiskFlags.Count(flag => flag.Acknowledgement is null),
            MeasureGaps = { gaps.Select(Gap) },
            PractitionerId = course.Row.PractitionerId?.ToString() ?? "",
        };

        // Absent, not false, where the rules give no answer (open course, not at caseness at the start).
        if (outcome.FinishedTreatment is { } finished) message.FinishedTreatment = finished;
        if (outcome.Classification is { } classification)
        {
            message.ReliableImprovement = classification.ReliableImprovement;
            message.ReliableDeterioration = classification.ReliableDeterioration;
            if (classification.Recovered is { } recovered) message.Recovered = recovered;
            if (classification.ReliableRecovery is { } reliableRecovery) message.ReliableRecovery = reliableRecovery;
        }

        return message;
    }

    public static V1.TrajectoryPoint TrajectoryPoint(MeasureSetRow row, MeasureSet set) => new()
    {
        Occasion = (V1.MeasurementOccasion)(int)set.Point.Occasion,
        SessionNumber = set.Point.SessionNumber ?? 0,
        MeasureTime = Timestamp.FromDateTimeOffset(set.MeasuredAt),
        Scores = Scores(set),
        MeasureSetId = set.Id.ToString(),
        Version = row.Version,
    };

    public static V1.SessionMeasureGap Gap(SessionMeasureGap gap) => new()
    {
        SessionNumber = gap.SessionNumber,
        NothingRecorded = gap.NothingRecorded,
        Missing = { gap.Missing.Select(questionnaire => (V1.Questionnaire)(int)questionnaire) },
    };

    public static V1.Kpis Kpis(KpiFigures figures)
    {
        var kpis = figures.Kpis;
        var message = new V1.Kpis
        {
            StartDate = Date(kpis.Period.Start),
            EndDate = Date(kpis.Period.End),
            FinishedCount = kpis.FinishedCount,
            Recovery = Rate(kpis.Recovery),
            ReliableImprovement = Rate(kpis.ReliableImprovement),
            ReliableRecovery = Rate(kpis.ReliableRecovery),
            ReliableDeterioration = Rate(kpis.ReliableDeterioration),
            WaitedWithin6Weeks = Rate(kpis.StartedWithinSixWeeks),
            WaitedWithin18Weeks = Rate(kpis.StartedWithinEighteenWeeks),
            SecondSessionWaitOver28Days = kpis.SecondSessionWaitOver28Days,
            SecondSessionWaitOver90Days = kpis.SecondSessionWaitOver90Days,
            DidNotAttend = Rate(figures.DidNotAttend),
            ComputeTime = Timestamp.FromDateTimeOffset(figures.ComputedAt),
            PractitionerId = kpis.PractitionerId?.ToString() ?? "",
            StartedCount = kpis.StartedCount,
        };
        if (kpis.RecoveryMeetsStandard is { } recovery) message.RecoveryMeetsStandard = recovery;
        if (kpis.SixWeekWaitMeetsStandard is { } sixWeeks) message.WaitedWithin6WeeksMeetsStandard = sixWeeks;
        if (kpis.EighteenWeekWaitMeetsStandard is { } eighteenWeeks) message.WaitedWithin18WeeksMeetsStandard = eighteenWeeks;
        if (kpis.MedianDaysToFirstSession is { } days) message.MedianWait = Duration.FromTimeSpan(TimeSpan.FromDays(days));
        return message;
    }

    public static V1.Rate Rate(Rate rate)
    {
        var message = new V1.Rate { Numerator = rate.Numerator, Denominator = rate.Denominator };
        if (rate.Percent is { } percent) message.Percent = percent;
        return message;
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A request's instant as stored: PostgreSQL keeps microseconds, so finer digits are dropped up front.</summary>
    public static DateTimeOffset Instant(Timestamp timestamp)
    {
        var instant = timestamp.ToDateTimeOffset();
        return instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    public static MeasureAnswers Answers(V1.Phq9? phq9, V1.Gad7? gad7, V1.Wsas? wsas) => new(
        phq9 is null ? null : [.. phq9.Items.Select(item => (int?)item)],
        gad7 is null ? null : [.. gad7.Items.Select(item => (int?)item)],
        wsas is null ? null : [.. wsas.Items.Select(item => (int?)item)],
        wsas?.WorkItemNotApplicable ?? false);

    private static V1.ScoreRise Rise(ScoreRise rise) => new()
    {
        Questionnaire = (V1.Questionnaire)(int)rise.Questionnaire,
        BaselineTotal = rise.Baseline,
        CurrentTotal = rise.Current,
        ReliableRise = rise.IsReliableRise,
        RoseIntoCaseness = rise.RoseIntoCaseness,
    };
}
