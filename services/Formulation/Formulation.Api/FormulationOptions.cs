using System.ComponentModel.DataAnnotations;

namespace DitCloud.Formulation.Api;

/// <summary>The service's settings (section "Formulation"), checked at start.</summary>
public sealed class FormulationOptions : IValidatableObject
{
    public const string Section = "Formulation";

    /// <summary>Prefix of every Redis channel this service uses, so services and environments can share a server.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_:.-]{1,100}$")]
    public string RedisKeyPrefix { get; set; } = "formulation:";

    /// <summary>The clinic's time zone (IANA id): "today" for an agreement recorded without a date.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/London";

    public TimeZoneInfo ClinicTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult("is not a time zone this machine knows; use an IANA id such as Europe/London.", [nameof(TimeZone)]);
        }
    }
}
