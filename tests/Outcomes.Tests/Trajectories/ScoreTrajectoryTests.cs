using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Trajectories;

namespace DitCloud.Outcomes.Tests.Trajectories;

public sealed class ScoreTrajectoryTests
{
    [Fact]
    public void Each_measure_is_a_series_in_time_order()
    {
        var trajectory = ScoreTrajectory.Of([Given.Session(3, 12, 9), Given.Session(1, 18, 14, wsas: 25), Given.Assessment(20, 15), Given.Session(2, 15, 11)]);

        trajectory.Phq9.Select(point => point.Total).ShouldBe([20, 18, 15, 12]);
        trajectory.Gad7.Select(point => point.Total).ShouldBe([15, 14, 11, 9]);
        trajectory.Phq9.Select(point => point.Point.SessionNumber).ShouldBe([null, 1, 2, 3]);
        trajectory.Phq9[0].Point.Occasion.ShouldBe(MeasurementOccasion.Assessment);
    }

    [Fact]
    public void A_measure_not_taken_leaves_a_gap_not_a_zero()
    {
        var trajectory = ScoreTrajectory.Of([Given.Session(1, 18, 14, wsas: 25), Given.Session(2, 15, null), Given.Session(3, null, 9, wsas: 20)]);

        trajectory.Phq9.Select(point => point.Point.SessionNumber).ShouldBe([1, 2]);
        trajectory.Gad7.Select(point => (point.Point.SessionNumber, point.Total)).ShouldBe([(1, 14), (3, 9)]);
        trajectory.Wsas.Select(point => point.Total).ShouldBe([25, 20]);
    }

    [Fact]
    public void Follow_up_points_come_last_and_say_so()
    {
        var trajectory = ScoreTrajectory.Of([Given.FollowUp(6, 5), Given.Session(16, 4, 3)]);

        trajectory.Phq9.Select(point => point.Point.Occasion).ShouldBe([MeasurementOccasion.Session, MeasurementOccasion.FollowUp]);
        trajectory.Phq9[1].MeasuredAt.ShouldBe(Given.TreatmentStart.AddDays(7 * 30));
    }

    [Fact]
    public void No_measures_make_empty_series()
    {
        var trajectory = ScoreTrajectory.Of([]);

        trajectory.Phq9.ShouldBeEmpty();
        trajectory.Gad7.ShouldBeEmpty();
        trajectory.Wsas.ShouldBeEmpty();
    }
}
