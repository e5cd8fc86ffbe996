using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Api.Measures;

/// <summary>Between stored measure sets and the domain's: the items are stored, the scores are always the domain's.</summary>
public static class MeasureRows
{
    public static MeasureSet ToDomain(MeasureSetRow row) => new(
        row.Id,
        Point(row),
        row.MeasuredAt,
        row.Phq9Items is { } phq9 ? Phq9.Score(Items(phq9)) : null,
        row.Gad7Items is { } gad7 ? Gad7.Score(Items(gad7)) : null,
        row.WsasItems is { } wsas ? Wsas.Score(Items(wsas), row.WsasWorkItemNotApplicable) : null);

    public static MeasureSetRow ToRow(
        MeasureSet set, Guid courseId, Guid requestId, int version, Guid? correctsId, string? correctionReason, DateTimeOffset recordedAt, string recordedBy) => new()
    {
        Id = set.Id,
        CourseId = courseId,
        RequestId = requestId,
        Occasion = set.Point.Occasion,
        SessionNumber = set.Point.SessionNumber ?? 0,
        Phase = set.Point.Phase,
        Version = version,
        CorrectsId = correctsId,
        CorrectionReason = correctionReason,
        MeasuredAt = set.MeasuredAt,
        RecordedAt = recordedAt,
        RecordedBy = recordedBy,
        Phq9Items = set.Phq9 is { } phq9 ? [.. phq9.Items.Scores] : null,
        Gad7Items = set.Gad7 is { } gad7 ? [.. gad7.Items.Scores] : null,
        WsasItems = set.Wsas is { } wsas ? [.. wsas.Items.Scores] : null,
        WsasWorkItemNotApplicable = set.Wsas?.WorkItemNotApplicable ?? false,
        Phq9Total = set.Phq9?.Total,
        Phq9Item9 = set.Phq9?.Item9,
        Gad7Total = set.Gad7?.Total,
        WsasTotal = set.Wsas?.Total,
    };

    private static MeasurementPoint Point(MeasureSetRow row) => row.Occasion switch
    {
        MeasurementOccasion.Session => MeasurementPoint.Session(row.SessionNumber, row.Phase!.Value),
        MeasurementOccasion.Assessment => MeasurementPoint.Assessment,
        MeasurementOccasion.FollowUp => MeasurementPoint.FollowUp,
        _ => throw new InvalidOperationException($"Measure set {row.Id} has an unknown occasion {(int)row.Occasion}."),
    };

    private static int?[] Items(int[] scores) => [.. scores.Select(score => (int?)score)];
}
