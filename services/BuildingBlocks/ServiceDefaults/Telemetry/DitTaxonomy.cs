using Microsoft.Extensions.Compliance.Classification;

namespace DitCloud.ServiceDefaults.Telemetry;

/// <summary>
/// What kinds of data DitCloud code handles that must never reach logs, traces or metrics. Mark a
/// logging parameter or a property logged with [LogProperties] with <see cref="PersonalDataAttribute"/>
/// or <see cref="ClinicalTextAttribute"/>, and the service defaults' redaction replaces its value.
/// </summary>
public static class DitTaxonomy
{
    public const string Name = "DitCloud";

    /// <summary>Identifies a person or describes them: NHS number, name, date of birth, address, phone, email.</summary>
    public static DataClassification PersonalData { get; } = new(Name, nameof(PersonalData));

    /// <summary>Free text about a patient's care: referral reasons, session notes, formulations, letters.</summary>
    public static DataClassification ClinicalText { get; } = new(Name, nameof(ClinicalText));
}

/// <summary>The value identifies or describes a person; logs show it redacted.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
public sealed class PersonalDataAttribute() : DataClassificationAttribute(DitTaxonomy.PersonalData);

/// <summary>The value is clinical free text; logs show it redacted.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
public sealed class ClinicalTextAttribute() : DataClassificationAttribute(DitTaxonomy.ClinicalText);
