namespace DitCloud.Outcomes.Domain.Questionnaires;

/// <summary>PHQ-9 severity bands by total.</summary>
public enum Phq9Severity
{
    /// <summary>0-4.</summary>
    Minimal = 1,

    /// <summary>5-9.</summary>
    Mild = 2,

    /// <summary>10-14.</summary>
    Moderate = 3,

    /// <summary>15-19.</summary>
    ModeratelySevere = 4,

    /// <summary>20-27.</summary>
    Severe = 5,
}
