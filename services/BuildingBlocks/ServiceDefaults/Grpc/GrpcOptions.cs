using System.ComponentModel.DataAnnotations;

namespace DitCloud.ServiceDefaults.Grpc;

/// <summary>The gRPC limits every service enforces (section "Grpc").</summary>
public sealed class GrpcLimitsOptions
{
    public const string Section = "Grpc";

    /// <summary>Largest message received or sent; larger ones get RESOURCE_EXHAUSTED.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>No call may run longer than this, whatever deadline the caller asked for (or none).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Server-streaming calls (watch screens) may stay open this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxStreamingDeadline { get; init; } = TimeSpan.FromHours(1);
}
