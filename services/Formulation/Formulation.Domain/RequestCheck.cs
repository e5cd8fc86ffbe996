using DitCloud.Domain;

namespace DitCloud.Formulation.Domain;

/// <summary>
/// Collects every broken rule in one request so the caller can fix them all in one go. Descriptions
/// name the rule and the fix and never quote the value, because the values here are clinical text.
/// </summary>
internal sealed class RequestCheck
{
    private readonly List<FieldViolation> violations = [];

    public RequestCheck RequiredText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "must not be empty; write it before this step");
        }

        return OptionalText(field, value, maxLength);
    }

    public RequestCheck OptionalText(string field, string? value, int maxLength) =>
        value is not null && value.Length > maxLength
            ? Add(field, $"is longer than {maxLength} characters; shorten it")
            : this;

    public RequestCheck Range(string field, int value, int min, int max) =>
        value < min || value > max ? Add(field, $"must be between {min} and {max}") : this;

    public RequestCheck Defined<TEnum>(string field, TEnum value)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? this : Add(field, $"must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}");

    public RequestCheck That(bool holds, string field, string description) => holds ? this : Add(field, description);

    public void ThrowIfAny()
    {
        if (violations.Count > 0)
        {
            throw DomainException.Invalid(violations);
        }
    }

    private RequestCheck Add(string field, string description)
    {
        violations.Add(new FieldViolation(field, description));
        return this;
    }
}
