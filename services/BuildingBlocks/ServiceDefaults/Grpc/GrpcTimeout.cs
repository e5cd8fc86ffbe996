using System.Globalization;

namespace DitCloud.ServiceDefaults.Grpc;

/// <summary>The grpc-timeout header's format (gRPC over HTTP/2): up to 8 digits and a unit.</summary>
public static class GrpcTimeout
{
    /// <summary>Reads "100m", "5S", "2H" ...; null when absent or malformed.</summary>
    public static TimeSpan? Parse(string value)
    {
        if (value.Length is < 2 or > 9 || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }

    /// <summary>In milliseconds while they fit in 8 digits, else seconds.</summary>
    public static string Format(TimeSpan timeout)
    {
        var milliseconds = (long)Math.Ceiling(timeout.TotalMilliseconds);
        return milliseconds < 100_000_000
            ? milliseconds.ToString(CultureInfo.InvariantCulture) + "m"
            : ((long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "S";
    }
}
