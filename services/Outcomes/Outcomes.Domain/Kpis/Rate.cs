namespace DitCloud.Outcomes.Domain.Kpis;

/// <summary>A rate with the counts behind it; it has no percentage when nothing was counted.</summary>
public sealed record Rate(int Numerator, int Denominator)
{
    /// <summary>Numerator / denominator x 100 to one decimal place; null when the denominator is 0.</summary>
    public double? Percent => Denominator == 0 ? null : Math.Round(100.0 * Numerator / Denominator, 1, MidpointRounding.AwayFromZero);

    /// <summary>Whether the rate reaches <paramref name="standardPercent"/>, compared exactly (not after rounding); null when nothing was counted.</summary>
    public bool? Meets(int standardPercent) => Denominator == 0 ? null : Numerator * 100L >= standardPercent * (long)Denominator;

    internal static Rate Of<T>(IReadOnlyCollection<T> counted, Func<T, bool> meets) => new(counted.Count(meets), counted.Count);
}
