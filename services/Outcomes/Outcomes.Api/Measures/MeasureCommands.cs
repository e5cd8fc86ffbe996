using DitCloud.Outcomes.Api.Courses;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Api.Measures;

/// <summary>Measures to record at one point of a course.</summary>
public sealed record RecordMeasuresCommand(
    Guid RequestId, Guid CourseId, MeasurementOccasion Occasion, int SessionNumber, DateTimeOffset MeasuredAt, MeasureAnswers Answers);

/// <summary>A correction of the latest version of a measure set.</summary>
public sealed record AmendMeasuresCommand(Guid RequestId, Guid MeasureSetId, string? Reason, DateTimeOffset MeasuredAt, MeasureAnswers Answers);

/// <summary>A stored version of a measure set with its course and the risk flags it raised.</summary>
public sealed record RecordedMeasures(MeasureSetRow Set, CourseRecord Course, IReadOnlyList<RiskFlagRow> RaisedFlags);
