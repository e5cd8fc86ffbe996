namespace DitCloud.Outcomes.Domain.Kpis;

/// <summary>NHS Talking Therapies national standards and the waits the KPIs are measured against.</summary>
public static class KpiStandards
{
    /// <summary>Recovery rate standard: 50% of those finished at caseness at the start.</summary>
    public const int RecoveryPercent = 50;

    /// <summary>75% start treatment within 6 weeks of referral.</summary>
    public const int WithinSixWeeksPercent = 75;

    /// <summary>95% start treatment within 18 weeks of referral.</summary>
    public const int WithinEighteenWeeksPercent = 95;

    public const int SixWeeksInDays = 6 * 7;

    public const int EighteenWeeksInDays = 18 * 7;

    /// <summary>Waits between the first and second treatment sessions longer than these are watched.</summary>
    public const int SecondSessionWatchDays = 28;

    public const int SecondSessionLongWaitDays = 90;
}
