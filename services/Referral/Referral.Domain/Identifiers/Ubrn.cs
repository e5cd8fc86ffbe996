using System.Diagnostics.CodeAnalysis;
using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>
/// An NHS e-Referral Service Unique Booking Reference Number: 12 digits, printed in groups of four
/// ("0000 0000 0000"), so spaces and hyphens are tolerated on input. It carries no check digit.
/// </summary>
public sealed record Ubrn
{
    public const int Length = 12;

    /// <summary>The FHIR identifier system partners use for a UBRN.</summary>
    public const string IdentifierSystem = "https://fhir.nhs.uk/Id/UBRN";

    private Ubrn(string value) => Value = value;

    /// <summary>The 12 digits, without separators.</summary>
    public string Value { get; }

    public static bool TryParse(
        string? input,
        [NotNullWhen(true)] out Ubrn? ubrn,
        [NotNullWhen(false)] out string? failure)
    {
        ubrn = null;
        var digits = DigitText.WithoutSeparators(input);
        if (!DigitText.IsAllDigits(digits) || digits.Length != Length)
        {
            failure = $"must be exactly {Length} digits (spaces and hyphens are allowed between them); leave it empty when there is no e-RS referral";
            return false;
        }
        ubrn = new Ubrn(digits);
        failure = null;
        return true;
    }

    public static Ubrn Parse(string? input, string field = "ubrn") =>
        TryParse(input, out var ubrn, out var failure)
            ? ubrn
            : throw DomainException.Invalid(field, $"{field} {failure}");

    /// <summary>A booking reference identifies a referral, not a person, so it is shown.</summary>
    public override string ToString() => Value;
}
