using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Domain.Risk;

/// <summary>
/// Screens a newly recorded set of measures for what must raise a risk flag: PHQ-9 item 9 above 0
/// (at any occasion) and a rise in the ending phase. A flag asks a clinician to assess risk; the
/// scores alone never amount to a risk assessment.
/// </summary>
public static class RiskScreen
{
    /// <param name="current">The set just recorded.</param>
    /// <param name="courseMeasures">The course's measure sets; <paramref name="current"/> may be among them.</param>
    public static IReadOnlyList<RiskSignal> Screen(MeasureSet current, IEnumerable<MeasureSet> courseMeasures)
    {
        var signals = new List<RiskSignal>();
        if (current.Phq9 is { Item9AboveZero: true } phq9)
        {
            signals.Add(new RiskSignal(RiskFlagReason.Phq9Item9AboveZero, phq9.Item9, []));
        }

        var rises = EndingPhaseRiseCheck.Rises(current, courseMeasures);
        if (rises.Count > 0)
        {
            signals.Add(new RiskSignal(RiskFlagReason.EndingPhaseRise, null, rises));
        }

        return signals;
    }
}
