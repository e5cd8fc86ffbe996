using System.Diagnostics.CodeAnalysis;
using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>
/// A patient's NHS number: ten digits whose last digit is a Modulus 11 check digit over the first nine.
/// Personal data: <see cref="ToString"/> is masked so the number cannot leak into logs by accident;
/// read <see cref="Value"/> deliberately where the raw digits are needed (storage, matching).
/// </summary>
public sealed record NhsNumber
{
    private const int Length = 10;

    private NhsNumber(string value) => Value = value;

    /// <summary>The ten digits, without separators. Personal data: never log it.</summary>
    public string Value { get; }

    /// <summary>
    /// Reads an NHS number, tolerating the spaces and hyphens people type ("943 476 5919").
    /// On failure, <paramref name="failure"/> says why, without repeating the input.
    /// </summary>
    public static bool TryParse(
        string? input,
        [NotNullWhen(true)] out NhsNumber? nhsNumber,
        [NotNullWhen(false)] out string? failure)
    {
        nhsNumber = null;
        var digits = DigitText.WithoutSeparators(input);
        if (digits.Length == 0)
        {
            failure = "is required; give the patient's 10-digit NHS number";
            return false;
        }
        if (!DigitText.IsAllDigits(digits))
        {
            failure = "must contain only digits (spaces and hyphens are allowed between them)";
            return false;
        }
        if (digits.Length != Length)
        {
            failure = $"must have exactly {Length} digits; check for a missing or extra digit";
            return false;
        }
        if (digits.All(d => d == digits[0]))
        {
            failure = "is a placeholder (all digits the same), not a real NHS number; give the patient's own NHS number";
            return false;
        }
        if (CheckDigitFor(digits.AsSpan(0, Length - 1)) != digits[Length - 1] - '0')
        {
            failure = "fails its Modulus 11 check digit; check the number for a mistyped or transposed digit";
            return false;
        }
        nhsNumber = new NhsNumber(digits);
        failure = null;
        return true;
    }

    /// <summary>Reads an NHS number or refuses with INVALID_ARGUMENT on <paramref name="field"/>.</summary>
    public static NhsNumber Parse(string? input, string field = "nhs_number") =>
        TryParse(input, out var nhsNumber, out var failure)
            ? nhsNumber
            : throw DomainException.Invalid(field, $"{field} {failure}");

    /// <summary>
    /// The check digit for the first nine digits, or null when none exists (a remainder of 10 means
    /// no valid NHS number starts with these nine digits).
    /// </summary>
    public static int? CheckDigitFor(ReadOnlySpan<char> firstNineDigits)
    {
        if (firstNineDigits.Length != Length - 1)
        {
            throw new ArgumentException($"Expected {Length - 1} digits.", nameof(firstNineDigits));
        }
        var sum = 0;
        for (var i = 0; i < firstNineDigits.Length; i++)
        {
            sum += (firstNineDigits[i] - '0') * (Length - i);
        }
        var check = 11 - sum % 11;
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    /// <summary>Masked: shows the format, never the digits.</summary>
    public override string ToString() => "*** *** ****";
}
