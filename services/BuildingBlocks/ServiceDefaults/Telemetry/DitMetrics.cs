using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using System.Text;

namespace DitCloud.ServiceDefaults.Telemetry;

/// <summary>
/// The conventions every DitCloud measurement follows (docs/observability.md): one meter per part,
/// named "DitCloud.{Part}" (exported without further registration); instrument names in the
/// OpenTelemetry style, lower case and dotted ("messaging.outbox.backlog", "dit.referral.decisions");
/// durations in seconds; labels only from closed sets (see <see cref="EnumTag{TEnum}"/>).
/// </summary>
public static class DitMetrics
{
    /// <summary>The meter (and activity source) name of one part of the system: "DitCloud.Referral".</summary>
    public static string MeterName(string part) => TelemetryExtensions.SourcePrefix + part;

    /// <summary>Bucket boundaries, in seconds, for duration and lag histograms: 1 ms to 5 minutes.</summary>
    public static InstrumentAdvice<double> DurationAdvice { get; } = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    };
}

/// <summary>
/// A metric label whose values are an enum's names in snake_case ("did_not_attend"): free text, and
/// so personal data, cannot become a label, and each tag is made once so recording allocates nothing.
/// <code>
/// private static readonly EnumTag&lt;Decision&gt; DecisionTag = new("dit.referral.decision");
/// decisions.Add(1, DecisionTag[Decision.Accepted]);
/// </code>
/// </summary>
public sealed class EnumTag<TEnum> where TEnum : struct, Enum
{
    private readonly FrozenDictionary<TEnum, KeyValuePair<string, object?>> _tags;

    public EnumTag(string name)
    {
        Name = name;
        _tags = Enum.GetValues<TEnum>().Distinct()
            .ToFrozenDictionary(value => value, value => new KeyValuePair<string, object?>(name, SnakeCase(value.ToString())));
    }

    public string Name { get; }

    public KeyValuePair<string, object?> this[TEnum value] => _tags.TryGetValue(value, out var tag)
        ? tag
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is not a named {typeof(TEnum).Name}; only named values can be labels.");

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
