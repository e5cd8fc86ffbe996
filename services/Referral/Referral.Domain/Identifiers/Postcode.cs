using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>
/// A UK postcode in its standard form: upper case, one space before the three-character inward code
/// ("SW1A 1AA"). Personal data: <see cref="ToString"/> is masked; read <see cref="Value"/> deliberately.
/// </summary>
public sealed partial record Postcode
{
    private Postcode(string value) => Value = value;

    /// <summary>The postcode in standard form. Personal data: never log it.</summary>
    public string Value { get; }

    public static bool TryParse(
        string? input,
        [NotNullWhen(true)] out Postcode? postcode,
        [NotNullWhen(false)] out string? failure)
    {
        postcode = null;
        var compact = string.Concat((input ?? "").Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (compact.Length == 0)
        {
            failure = "is required; give the patient's UK postcode, e.g. SW1A 1AA";
            return false;
        }
        if (!UkPostcode().IsMatch(compact))
        {
            failure = "is not a UK postcode; use the form of SW1A 1AA, M1 1AE or B33 8TH";
            return false;
        }
        postcode = new Postcode($"{compact[..^3]} {compact[^3..]}");
        failure = null;
        return true;
    }

    public static Postcode Parse(string? input, string field = "postcode") =>
        TryParse(input, out var postcode, out var failure)
            ? postcode
            : throw DomainException.Invalid(field, $"{field} {failure}");

    /// <summary>Masked: never shows the postcode.</summary>
    public override string ToString() => "**** ***";

    // Outward code (area letters, district digit, optional letter or digit), then inward code
    // (sector digit and two unit letters). GIR 0AA is the one historic exception still in use.
    [GeneratedRegex("^(?:[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}|GIR0AA)$", RegexOptions.CultureInvariant)]
    private static partial Regex UkPostcode();
}
