using System.ComponentModel.DataAnnotations;

namespace DitCloud.Outcomes.Api;

/// <summary>The service's settings (section "Outcomes"), checked at start.</summary>
public sealed class OutcomesOptions : IValidatableObject
{
    public const string Section = "Outcomes";

    /// <summary>The service's time zone (IANA id): KPI periods, referral and session dates are days in it.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>Prefix of every Redis channel this service uses, so services and environments can share a server.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_:.-]{1,100}$")]
    public string RedisKeyPrefix { get; set; } = "outcomes:";

    /// <summary>
    /// How often a KPI stream recomputes even without a change notice: waits still running count up
    /// with the date, and a notice lost while Redis was away is caught up here.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan KpiRefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        ValidationResult? problem = null;
        try
        {
            _ = Zone();
        }
        catch (TimeZoneNotFoundException)
        {
            problem = new ValidationResult($"'{TimeZone}' is not a known time zone; use an IANA id such as Europe/London.", [nameof(TimeZone)]);
        }

        if (problem is not null) yield return problem;
    }
}
