using System.ComponentModel.DataAnnotations;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Api.Options;

/// <summary>Who the service may accept (section "Referral:Eligibility").</summary>
public sealed class EligibilityOptions : IValidatableObject
{
    public const string Section = "Referral:Eligibility";

    /// <summary>The youngest age accepted; DIT services are adult services, 16 by default (some use 18).</summary>
    [Range(0, EligibilityPolicy.OldestPlausibleAge)]
    public int MinimumAge { get; set; } = 16;

    /// <summary>The oldest age accepted; unset for none.</summary>
    [Range(0, EligibilityPolicy.OldestPlausibleAge)]
    public int? MaximumAge { get; set; }

    /// <summary>The IANA time zone whose calendar date counts for ages and "not in the future".</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/London";

    public EligibilityPolicy ToPolicy() => new(MinimumAge, MaximumAge);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaximumAge < MinimumAge)
        {
            yield return new($"must not be below MinimumAge ({MinimumAge}).", [nameof(MaximumAge)]);
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new("is not a time zone this machine knows; use an IANA name such as Europe/London.", [nameof(TimeZone)]);
        }
    }
}

/// <summary>
/// The service's DIT suitability policy (section "Referral:Screening"). Each list is a set of
/// presenting problem names (e.g. "Psychosis"); a list left unset keeps its default from DOMAIN.md
/// (<see cref="SuitabilityPolicy.Default"/>). A problem in none of the three is one the service does
/// not treat with DIT.
/// </summary>
/// <remarks>
/// The lists are read as names and checked here: the configuration binder silently drops array items
/// it cannot convert, and a misspelt exclusion must stop the service, not vanish.
/// </remarks>
public sealed class ScreeningOptions : IValidatableObject
{
    public const string Section = "Referral:Screening";

    public string[]? Suitable { get; set; }

    public string[]? Cautions { get; set; }

    public string[]? Exclusions { get; set; }

    /// <summary>The lowest risk level that needs a clinician's caution; empty for never.</summary>
    public RiskLevel? CautionFromRisk { get; set; } = SuitabilityPolicy.Default.CautionFromRisk;

    /// <summary>The lowest risk level that excludes DIT; empty for never.</summary>
    public RiskLevel? ExcludeFromRisk { get; set; } = SuitabilityPolicy.Default.ExcludeFromRisk;

    /// <summary>Whether PHQ-9 and GAD-7 both below caseness calls for caution.</summary>
    public bool CautionWhenBelowCaseness { get; set; } = SuitabilityPolicy.Default.CautionWhenBelowCaseness;

    public SuitabilityPolicy ToPolicy() => new(
        Read(Suitable, SuitabilityPolicy.Default.Suitable),
        Read(Cautions, SuitabilityPolicy.Default.Cautions),
        Read(Exclusions, SuitabilityPolicy.Default.Exclusions),
        CautionFromRisk,
        ExcludeFromRisk,
        CautionWhenBelowCaseness);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var lists = new (string Name, string[]? Names)[] { (nameof(Suitable), Suitable), (nameof(Cautions), Cautions), (nameof(Exclusions), Exclusions) };
        var unknown = lists.SelectMany(list => (list.Names ?? []).Where(name => !TryRead(name, out _)).Select(name => (list.Name, Value: name))).ToList();
        foreach (var (list, value) in unknown)
        {
            yield return new($"holds '{value}', which is not a presenting problem; use names such as Depression or Psychosis.", [list]);
        }
        if (unknown.Count > 0) yield break;

        var sets = new (string Name, IReadOnlyCollection<PresentingProblem> Problems)[]
        {
            (nameof(Suitable), Read(Suitable, SuitabilityPolicy.Default.Suitable)),
            (nameof(Cautions), Read(Cautions, SuitabilityPolicy.Default.Cautions)),
            (nameof(Exclusions), Read(Exclusions, SuitabilityPolicy.Default.Exclusions)),
        };
        foreach (var problem in Enum.GetValues<PresentingProblem>())
        {
            var holders = sets.Where(set => set.Problems.Contains(problem)).Select(set => set.Name).ToList();
            if (holders.Count > 1)
            {
                yield return new($"{problem} is in both {string.Join(" and ", holders)}; put each problem in one list only " +
                    "(setting one list replaces its default, so check the others' defaults too).", [holders[^1]]);
            }
        }
        if (CautionFromRisk > ExcludeFromRisk)
        {
            yield return new($"must not be above ExcludeFromRisk ({ExcludeFromRisk}).", [nameof(CautionFromRisk)]);
        }
    }

    private static IReadOnlyCollection<PresentingProblem> Read(string[]? names, IReadOnlySet<PresentingProblem> defaults) =>
        names is null ? [.. defaults] : [.. names.Select(name => TryRead(name, out var problem) ? problem : throw new FormatException($"'{name}' is not a presenting problem."))];

    private static bool TryRead(string name, out PresentingProblem problem) =>
        Enum.TryParse(name, ignoreCase: true, out problem) && Enum.IsDefined(problem) && !int.TryParse(name, out _);
}

/// <summary>WatchReferrals (section "Referral:Watch").</summary>
public sealed class WatchOptions
{
    public const string Section = "Referral:Watch";

    /// <summary>
    /// How often a stream looks for changes when nothing woke it: the backstop for changes whose event
    /// has not arrived (a broker outage, or screening decisions, which publish no event).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How far back a stream may resume; an older cursor answers OUT_OF_RANGE.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Changes read per round.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;
}
