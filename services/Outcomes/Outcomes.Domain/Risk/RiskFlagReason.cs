namespace DitCloud.Outcomes.Domain.Risk;

/// <summary>Why a risk flag was raised. Either way the flag is a prompt for a clinician to assess risk, not an assessment.</summary>
public enum RiskFlagReason
{
    /// <summary>PHQ-9 item 9 (thoughts of self-harm) was scored above 0.</summary>
    Phq9Item9AboveZero = 1,

    /// <summary>PHQ-9 or GAD-7 rose during the ending phase (see <see cref="EndingPhaseRiseCheck"/>).</summary>
    EndingPhaseRise = 2,
}
