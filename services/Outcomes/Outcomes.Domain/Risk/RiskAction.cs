namespace DitCloud.Outcomes.Domain.Risk;

/// <summary>What the clinician did about a risk flag.</summary>
public enum RiskAction
{
    AssessedNoFurtherAction = 1,
    SafetyPlanUpdated = 2,
    GpInformed = 3,
    EscalatedToCrisisTeam = 4,
    DiscussedWithSupervisor = 5,
}
