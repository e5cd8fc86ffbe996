namespace DitCloud.Outcomes.Domain.Kpis;

/// <summary>
/// Service KPIs for a period. Outcome rates count courses that finished treatment (ended with at
/// least 2 attended sessions) with an end date in the period; waits count courses whose first
/// attended treatment session is in the period.
/// </summary>
/// <param name="PractitionerId">The practitioner the figures are for; null for the whole service.</param>
/// <param name="Recovery">Recovered over finished at caseness at the start (finished minus not at caseness at the start).</param>
/// <param name="ReliableImprovement">Reliably improved over all finished.</param>
/// <param name="ReliableRecovery">Reliably recovered over finished at caseness at the start.</param>
/// <param name="ReliableDeterioration">Reliably deteriorated over all finished.</param>
/// <param name="StartedCount">Courses whose first attended treatment session is in the period.</param>
/// <param name="StartedWithinSixWeeks">Started within 6 weeks (42 days) of referral, over those started.</param>
/// <param name="StartedWithinEighteenWeeks">Started within 18 weeks (126 days) of referral, over those started.</param>
/// <param name="MedianDaysToFirstSession">The median wait from referral to the first session; null with none started.</param>
/// <param name="SecondSessionWaitOver28Days">Of those started, courses whose wait for the second session is over 28 days.</param>
/// <param name="SecondSessionWaitOver90Days">As above, over 90 days.</param>
public sealed record ServiceKpis(
    ReportingPeriod Period,
    Guid? PractitionerId,
    int FinishedCount,
    Rate Recovery,
    Rate ReliableImprovement,
    Rate ReliableRecovery,
    Rate ReliableDeterioration,
    int StartedCount,
    Rate StartedWithinSixWeeks,
    Rate StartedWithinEighteenWeeks,
    double? MedianDaysToFirstSession,
    int SecondSessionWaitOver28Days,
    int SecondSessionWaitOver90Days)
{
    /// <summary>Recovery at or above the national standard (50%); null with no one to count.</summary>
    public bool? RecoveryMeetsStandard => Recovery.Meets(KpiStandards.RecoveryPercent);

    public bool? SixWeekWaitMeetsStandard => StartedWithinSixWeeks.Meets(KpiStandards.WithinSixWeeksPercent);

    public bool? EighteenWeekWaitMeetsStandard => StartedWithinEighteenWeeks.Meets(KpiStandards.WithinEighteenWeeksPercent);
}
