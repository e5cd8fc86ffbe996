namespace DitCloud.Outcomes.Domain.Risk;

public enum RiskFlagStatus
{
    /// <summary>Raised; awaiting a clinician.</summary>
    Open = 1,

    /// <summary>Assessed and acknowledged by a clinician.</summary>
    Acknowledged = 2,
}
