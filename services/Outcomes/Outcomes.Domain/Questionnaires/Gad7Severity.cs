namespace DitCloud.Outcomes.Domain.Questionnaires;

/// <summary>GAD-7 severity bands by total.</summary>
public enum Gad7Severity
{
    /// <summary>0-4.</summary>
    Minimal = 1,

    /// <summary>5-9.</summary>
    Mild = 2,

    /// <summary>10-14.</summary>
    Moderate = 3,

    /// <summary>15-21.</summary>
    Severe = 4,
}
