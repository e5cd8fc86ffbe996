using System.Globalization;
using DitCloud.Domain;
using Google.Protobuf.WellKnownTypes;

namespace DitCloud.Outcomes.Api.Grpc;

/// <summary>The shape checks the requests share; each names the field and says the fix.</summary>
internal static class Fields
{
    public static IEnumerable<FieldViolation> Id(string value, string field, bool required = true)
    {
        if (value.Length == 0)
        {
            if (required) yield return new(field, $"{field} is required (a UUID)");
        }
        else if (!Guid.TryParse(value, out _))
        {
            yield return new(field, $"{field} must be a UUID, e.g. 0195f3a2-7c4e-7b3d-9a51-2f6c8e4d1b07");
        }
    }

    public static IEnumerable<FieldViolation> Required(Timestamp? value, string field)
    {
        if (value is null) yield return new(field, $"{field} is required");
    }

    public static IEnumerable<FieldViolation> Date(string value, string field)
    {
        if (!TryDate(value, out _)) yield return new(field, $"{field} must be a date as YYYY-MM-DD");
    }

    public static IEnumerable<FieldViolation> PageSize(int value, int max)
    {
        if (value < 0 || value > max) yield return new("page_size", $"page_size must be 0 (the default) to {max}");
    }

    public static IEnumerable<FieldViolation> Defined<TEnum>(TEnum value, string field, bool required) where TEnum : struct, System.Enum
    {
        if (!System.Enum.IsDefined(value)) yield return new(field, $"{field} is not one of the values the contract defines");
        else if (required && Convert.ToInt32(value, CultureInfo.InvariantCulture) == 0) yield return new(field, $"{field} is required");
    }

    public static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static Guid? OptionalId(string value) => value.Length == 0 ? null : Guid.Parse(value);
}
