using System.Diagnostics.CodeAnalysis;
using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>
/// An Organisation Data Service (ODS) code: the referring organisation.
/// The rule: 3 to 6 ASCII letters or digits, compared without regard to case and stored in upper case.
/// That covers the codes that refer in practice: NHS trusts and commissioners (3, e.g. "RJ1", "15E"),
/// trust sites and independent providers (5, e.g. "RTK01", "NQ101") and GP practices (6, e.g. "A81001").
/// Longer ODS codes exist for things that do not refer patients (e.g. prescribing cost centres);
/// widen <see cref="MaximumLength"/> if a service's partners need them.
/// </summary>
public sealed record OdsCode
{
    public const int MinimumLength = 3;
    public const int MaximumLength = 6;

    private OdsCode(string value) => Value = value;

    /// <summary>The code in upper case, e.g. "A81001".</summary>
    public string Value { get; }

    public static bool TryParse(
        string? input,
        [NotNullWhen(true)] out OdsCode? odsCode,
        [NotNullWhen(false)] out string? failure)
    {
        odsCode = null;
        var code = input?.Trim().ToUpperInvariant() ?? "";
        if (code.Length == 0)
        {
            failure = "is required; give the referring organisation's ODS code, e.g. A81001";
            return false;
        }
        if (!code.All(char.IsAsciiLetterOrDigit))
        {
            failure = "must contain only letters and digits, e.g. A81001 or RJ1";
            return false;
        }
        if (code.Length is < MinimumLength or > MaximumLength)
        {
            failure = $"must be {MinimumLength} to {MaximumLength} characters long, e.g. A81001 or RJ1";
            return false;
        }
        odsCode = new OdsCode(code);
        failure = null;
        return true;
    }

    public static OdsCode Parse(string? input, string field = "referring_ods_code") =>
        TryParse(input, out var odsCode, out var failure)
            ? odsCode
            : throw DomainException.Invalid(field, $"{field} {failure}");

    /// <summary>Organisation codes are not personal data, so the code itself is shown.</summary>
    public override string ToString() => Value;
}
