namespace DitCloud.Referral.Domain;

/// <summary>Reading numeric identifiers that people type with spaces or hyphens between groups.</summary>
internal static class DigitText
{
    public static string WithoutSeparators(string? input) =>
        input is null ? "" : string.Concat(input.Where(c => c is not (' ' or '-')));

    public static bool IsAllDigits(string text) => text.All(char.IsAsciiDigit);
}
