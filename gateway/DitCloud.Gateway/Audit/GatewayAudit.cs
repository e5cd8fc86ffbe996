using System.Diagnostics;
using System.Threading.Channels;
using DitCloud.ServiceDefaults.Security;

namespace DitCloud.Gateway.Audit;

/// <summary>Who made a call, as the audit records it: kind, id and organisation; never a name.</summary>
public sealed record AuditCaller(string Kind, string Id, string? OrganisationCode)
{
    public static AuditCaller From(Caller caller) => new(caller.Kind.ToString().ToLowerInvariant(), caller.Id, caller.OrganisationCode);
}

/// <summary>One call through the gateway, allowed or refused.</summary>
public sealed record GatewayAuditRecord(
    DateTimeOffset OccurredAt,
    string Instance,
    AuditCaller? Caller,
    string Method,
    string Transport,
    string Outcome,
    int StatusCode,
    double DurationMs,
    string? PatientReference,
    string? TraceId);

/// <summary>
/// Every call's audit record goes through here to <see cref="AuditWriter"/>, which appends them to
/// PostgreSQL in batches. The queue is bounded and waits when full: when the audit store cannot keep
/// up, calls slow down rather than go unrecorded.
/// </summary>
public sealed class GatewayAudit(IConfiguration configuration)
{
    private readonly Channel<GatewayAuditRecord> _queue = Channel.CreateBounded<GatewayAuditRecord>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly string _instance = configuration["DIT_INSTANCE_ID"] ?? Environment.MachineName;

    internal ChannelReader<GatewayAuditRecord> Pending => _queue.Reader;

    internal void Close() => _queue.Writer.TryComplete();

    public ValueTask RecordAsync(
        HttpContext context, AuditCaller? caller, string method, string transport, string outcome, int statusCode, long startedTimestamp, string? patientReference) =>
        _queue.Writer.WriteAsync(new GatewayAuditRecord(
            DateTimeOffset.UtcNow,
            _instance,
            caller,
            method,
            transport,
            outcome,
            statusCode,
            Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds,
            patientReference,
            Activity.Current?.TraceId.ToString()));
}
