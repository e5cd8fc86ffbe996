using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>Presence and length rules for free text; descriptions never quote the text.</summary>
internal static class TextRules
{
    public static void CheckRequired(string? text, string field, int maximumLength, string howToFix, List<FieldViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            violations.Add(new(field, $"{field} is required; {howToFix}"));
            return;
        }
        CheckLength(text, field, maximumLength, violations);
    }

    public static void CheckLength(string? text, string field, int maximumLength, List<FieldViolation> violations)
    {
        if (text is not null && text.Trim().Length > maximumLength)
        {
            violations.Add(new(field, $"{field} must be at most {maximumLength} characters; shorten it"));
        }
    }
}
