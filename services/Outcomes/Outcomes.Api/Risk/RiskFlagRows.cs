using System.Text.Json;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Domain.Risk;

namespace DitCloud.Outcomes.Api.Risk;

/// <summary>Between stored risk flags and the domain's.</summary>
public static class RiskFlagRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RiskFlag ToDomain(RiskFlagRow row) => new(
        row.Id,
        row.CourseId,
        row.MeasureSetId,
        row.SessionNumber,
        new RiskSignal(row.Reason, row.Reason == RiskFlagReason.Phq9Item9AboveZero ? row.Phq9Item9 : null, Rises(row)),
        row.RaisedAt,
        row.Acknowledgement is { } done ? new RiskAcknowledgement(done.PractitionerId, done.AcknowledgedAt, done.Action, done.Note) : null);

    public static RiskFlagRow ToRow(RiskFlag flag, int? phq9Item9) => new()
    {
        Id = flag.Id,
        CourseId = flag.CourseId,
        MeasureSetId = flag.MeasureSetId,
        SessionNumber = flag.SessionNumber,
        Reason = flag.Signal.Reason,
        Phq9Item9 = phq9Item9,
        Rises = flag.Signal.Rises.Count == 0 ? null : JsonSerializer.Serialize(flag.Signal.Rises, Json),
        RaisedAt = flag.RaisedAt,
    };

    public static IReadOnlyList<ScoreRise> Rises(RiskFlagRow row) =>
        row.Rises is null ? [] : JsonSerializer.Deserialize<List<ScoreRise>>(row.Rises, Json) ?? [];
}
