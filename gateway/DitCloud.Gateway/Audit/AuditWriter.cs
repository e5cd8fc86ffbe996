using Npgsql;
using NpgsqlTypes;

namespace DitCloud.Gateway.Audit;

/// <summary>
/// Appends the queued audit records to the gateway database (table gateway_audit, which a trigger
/// keeps append-only), a batch at a time with binary COPY. A failed batch is retried until it is
/// written; on shutdown the queue is drained first.
/// </summary>
public sealed partial class AuditWriter(GatewayAudit audit, NpgsqlDataSource database, ILogger<AuditWriter> logger) : BackgroundService
{
    private const int MaxBatch = 1000;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await AuditSchema.EnsureAsync(database, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        audit.Close();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<GatewayAuditRecord>(MaxBatch);
        // Not stoppingToken: after the stop signal the queue is still drained (Close ends the loop).
        while (await audit.Pending.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && audit.Pending.TryRead(out var record)) batch.Add(record);
            await WriteUntilStoredAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteUntilStoredAsync(List<GatewayAuditRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(batch);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogWriteFailed(logger, batch.Count, attempt, e.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, attempt))));
            }
        }
    }

    private async Task WriteAsync(List<GatewayAuditRecord> batch)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY gateway_audit (occurred_at, instance, caller_kind, caller_id, organisation_code, method, transport, outcome, status_code, duration_ms, patient_reference, trace_id) FROM STDIN (FORMAT BINARY)");
        foreach (var record in batch)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(record.OccurredAt, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(record.Instance, NpgsqlDbType.Text);
            await WriteNullableAsync(copy, record.Caller?.Kind);
            await WriteNullableAsync(copy, record.Caller?.Id);
            await WriteNullableAsync(copy, record.Caller?.OrganisationCode);
            await copy.WriteAsync(record.Method, NpgsqlDbType.Text);
            await copy.WriteAsync(record.Transport, NpgsqlDbType.Text);
            await copy.WriteAsync(record.Outcome, NpgsqlDbType.Text);
            await copy.WriteAsync(record.StatusCode, NpgsqlDbType.Integer);
            await copy.WriteAsync(record.DurationMs, NpgsqlDbType.Double);
            await WriteNullableAsync(copy, record.PatientReference);
            await WriteNullableAsync(copy, record.TraceId);
        }
        await copy.CompleteAsync();
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, NpgsqlDbType.Text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} audit records failed (attempt {Attempt}, {Error}); retrying")]
    private static partial void LogWriteFailed(ILogger logger, int count, int attempt, string error);
}
