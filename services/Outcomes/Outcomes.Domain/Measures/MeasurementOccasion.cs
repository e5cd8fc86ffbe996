namespace DitCloud.Outcomes.Domain.Measures;

/// <summary>When in the pathway a set of measures was taken.</summary>
public enum MeasurementOccasion
{
    /// <summary>At assessment, before treatment. Counts as a first measure.</summary>
    Assessment = 1,

    /// <summary>At a treatment session.</summary>
    Session = 2,

    /// <summary>After the course ended. Shown in the trajectory; not part of the course outcome.</summary>
    FollowUp = 3,
}
