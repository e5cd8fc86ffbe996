using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Domain.Trajectories;

/// <summary>One total of one measure on a chart: where in the pathway and when it was taken.</summary>
public sealed record ScorePoint(MeasurementPoint Point, DateTimeOffset MeasuredAt, int Total);
