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

    /// <summary>
    /// Screens a corrected version of a set. What a clinician was already asked to assess for an
    /// earlier version of the same set (the same reason) is not raised again; anything new is.
    /// </summary>
    /// <param name="corrected">The new version.</param>
    /// <param name="courseMeasures">The course's current sets, with <paramref name="corrected"/> in place of the version it corrects.</param>
    /// <param name="raisedForEarlierVersions">The reasons of the flags raised by earlier versions of the set.</param>
    public static IReadOnlyList<RiskSignal> ScreenCorrection(
        MeasureSet corrected, IEnumerable<MeasureSet> courseMeasures, IEnumerable<RiskFlagReason> raisedForEarlierVersions)
    {
        var raised = raisedForEarlierVersions.ToHashSet();
        return [.. Screen(corrected, courseMeasures).Where(signal => !raised.Contains(signal.Reason))];
    }
}
