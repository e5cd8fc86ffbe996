using DitCloud.Domain;

namespace DitCloud.Formulation.Api.Grpc.Validators;

/// <summary>Checks shared by the request validators: each names the field and the fix, never the value.</summary>
internal static class Fields
{
    public static IEnumerable<FieldViolation> Uuid(string field, string value, bool required = true)
    {
        if (value.Length == 0)
        {
            if (required) yield return new(field, "is required: a UUID such as 0b9c2f4e-6a1d-4c3b-9e8f-1a2b3c4d5e6f");
        }
        else if (!Guid.TryParse(value, out var id) || id == Guid.Empty)
        {
            yield return new(field, "must be a UUID such as 0b9c2f4e-6a1d-4c3b-9e8f-1a2b3c4d5e6f");
        }
    }

    public static IEnumerable<FieldViolation> AtLeast(string field, int value, int minimum, string meaning)
    {
        if (value < minimum) yield return new(field, $"must be {minimum} or more: {meaning}");
    }

    public static IEnumerable<FieldViolation> Between(string field, int value, int minimum, int maximum, string meaning)
    {
        if (value < minimum || value > maximum) yield return new(field, $"must be between {minimum} and {maximum}: {meaning}");
    }

    /// <summary>The parsed id of a field a validator has already checked.</summary>
    public static Guid Id(string value) => Guid.Parse(value);
}
