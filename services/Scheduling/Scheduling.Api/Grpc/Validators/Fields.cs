using System.Globalization;
using DitCloud.Domain;
using Google.Protobuf.WellKnownTypes;

namespace DitCloud.Scheduling.Api.Grpc.Validators;

/// <summary>The checks most requests share, each naming the field and the fix.</summary>
internal static class Fields
{
    public static IEnumerable<FieldViolation> Id(string value, string field, bool required = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required) yield return new(field, "is required; give the id (a UUID)");
        }
        else if (!Guid.TryParse(value, out var id) || id == Guid.Empty)
        {
            yield return new(field, "must be a UUID, e.g. 0190a3c2-7b1e-7c4d-9f00-000000000001");
        }
    }

    public static IEnumerable<FieldViolation> Required(Timestamp? value, string field)
    {
        if (value is null) yield return new(field, "is required");
    }

    public static IEnumerable<FieldViolation> Enum<T>(T value, string field, bool required = true) where T : struct, System.Enum
    {
        if (!System.Enum.IsDefined(value))
        {
            yield return new(field, "is not a known value; use one of the values the .proto lists");
        }
        else if (required && Convert.ToInt32(value, CultureInfo.InvariantCulture) == 0)
        {
            yield return new(field, "is required; UNSPECIFIED is not a value");
        }
    }

    public static IEnumerable<FieldViolation> Text(string value, string field, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) yield return new(field, "is required");
        }
        else if (value.Length > max)
        {
            yield return new(field, $"must be at most {max} characters");
        }
    }

    public static IEnumerable<FieldViolation> Range(int value, string field, int min, int max)
    {
        if (value < min || value > max) yield return new(field, $"must be between {min} and {max}");
    }

    public static IEnumerable<FieldViolation> Minutes(Duration? value, string field, int min, int max)
    {
        if (value is null) yield break;
        var length = value.ToTimeSpan();
        if (length.TotalMinutes < min || length.TotalMinutes > max || length.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            yield return new(field, $"must be whole minutes between {min} and {max}");
        }
    }

    public static bool TryParseTime(string value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static bool TryParseDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A note that must be given when the reason is OTHER.</summary>
    public static IEnumerable<FieldViolation> Note(string note, bool required) =>
        required && string.IsNullOrWhiteSpace(note)
            ? [new FieldViolation("note", "is required when the reason is OTHER; say why")]
            : Text(note, "note", 1000, required: false);
}
