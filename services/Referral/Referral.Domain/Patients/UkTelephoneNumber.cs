using System.Diagnostics.CodeAnalysis;

namespace DitCloud.Referral.Domain;

/// <summary>
/// UK telephone numbers as people write them ("07700 900123", "+44 (0)7700 900123"), brought to
/// E.164 form ("+447700900123") so that the same number always reads the same.
/// </summary>
public static class UkTelephoneNumber
{
    private const int NationalSignificantDigits = 10;

    public static bool TryNormalise(string? input, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }
        var text = input.Replace("(0)", "", StringComparison.Ordinal);
        if (text.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+')))
        {
            return false;
        }
        var digits = string.Concat(text.Where(char.IsAsciiDigit));
        var international = text.TrimStart().StartsWith('+');
        var national = (international, digits) switch
        {
            (true, _) when digits.StartsWith("44", StringComparison.Ordinal) => digits[2..],
            (false, _) when digits.StartsWith('0') => digits[1..],
            _ => null,
        };
        if (national is not { Length: NationalSignificantDigits } || national.StartsWith('0'))
        {
            return false;
        }
        e164 = "+44" + national;
        return true;
    }

    /// <summary>Whether a normalised number is a UK mobile (07...), the only kind that takes text messages.</summary>
    public static bool IsMobile(string e164) => e164.StartsWith("+447", StringComparison.Ordinal);
}
