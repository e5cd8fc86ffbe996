using System.Diagnostics;
using DitCloud.ServiceDefaults.Telemetry;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DitCloud.Observability.Tests.Probe;

/// <summary>
/// Handles a referral the way a DitCloud service would, with every path by which personal data
/// could leak into telemetry: a classified log line, a database command with it as a parameter,
/// a database error that quotes it, exception events recorded as MassTransit and .NET record them,
/// and an unexpected exception whose message quotes it.
/// </summary>
public sealed partial class PatientProbeService(NpgsqlDataSource database, ILogger<PatientProbeService> logger) : PatientProbe.PatientProbeBase
{
    public static readonly ActivitySource Source = new("DitCloud.Tests.Probe");

    public override async Task<ReferReply> Refer(ReferRequest request, ServerCallContext context)
    {
        LogReferralReceived(logger, request.NhsNumber, new ReferralDetails(request.Name, request.Reason));

        await using (var insert = database.CreateCommand("INSERT INTO referral (nhs_number, name, reason) VALUES ($1, $2, $3)"))
        {
            insert.Parameters.AddWithValue(request.NhsNumber);
            insert.Parameters.AddWithValue(request.Name);
            insert.Parameters.AddWithValue(request.Reason);
            await insert.ExecuteNonQueryAsync(context.CancellationToken);
        }

        var failure = Thrown(() => throw new InvalidOperationException($"Could not screen {request.Name} ({request.NhsNumber}): {request.Reason}"));
        using (var span = Source.StartActivity("screen referral"))
        {
            // As Npgsql and other .NET libraries record an exception.
            span?.AddException(failure);
            // As MassTransit records a consumer's fault (its own event, the message as status), once the
            // consume pipeline has replaced the exception with a ScrubbedException.
            RecordAsMassTransitDoes(span, new ScrubbedException(failure));
        }
        using (var span = Source.StartActivity("fault recorded with its message"))
        {
            // The same without the replacement: this span must not be exported.
            RecordAsMassTransitDoes(span, failure);
        }

        if (request.FailInDatabase)
        {
            // PostgreSQL answers 22P02 "invalid input syntax for type integer: "<the value>"".
            await using var cast = database.CreateCommand("SELECT $1::text::integer");
            cast.Parameters.AddWithValue(request.Name);
            await cast.ExecuteScalarAsync(context.CancellationToken);
        }
        if (request.ThrowUnexpected)
        {
            throw new FormatException($"Referral for {request.Name}, NHS number {request.NhsNumber}, reason '{request.Reason}' is malformed");
        }
        return new ReferReply { ReferralId = Guid.NewGuid().ToString() };
    }

    private static void RecordAsMassTransitDoes(Activity? span, Exception exception)
    {
        span?.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
        {
            ["exception.type"] = exception.GetType().Name,
            ["exception.message"] = exception.Message,
            ["exception.stacktrace"] = exception.StackTrace,
        }));
        span?.SetStatus(ActivityStatusCode.Error, exception.Message);
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new InvalidOperationException("The action did not throw.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral received for NHS number {NhsNumber}")]
    private static partial void LogReferralReceived(ILogger logger, [PersonalData] string nhsNumber, [LogProperties] ReferralDetails details);
}

/// <summary>Logged as properties; each is classified, so each is redacted.</summary>
public sealed record ReferralDetails([property: PersonalData] string Name, [property: ClinicalText] string Reason);
