using DitCloud.Domain;
using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.Api.Records;
using DitCloud.Formulation.Api.Watch;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.V1;
using DitCloud.Persistence;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;

namespace DitCloud.Formulation.Api.Grpc;

public sealed partial class FormulationApi
{
    /// <summary>
    /// Changes to one course, or to every course a practitioner treats or supervises, as they are
    /// committed on any replica (Redis pub/sub, <see cref="FormulationChangeFeed"/>): ids and change
    /// types only, never clinical text. Response headers are sent once the watch is joined, so a
    /// client that awaits them misses nothing made afterwards. If the feed is interrupted the stream
    /// ends with UNAVAILABLE and the client reconnects and re-reads.
    /// </summary>
    [RequireScope(Scopes.FormulationRead)]
    public override async Task WatchFormulation(WatchFormulationRequest request, IServerStreamWriter<WatchFormulationResponse> responseStream, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var matches = await WatchFilterAsync(context, caller, request, context.CancellationToken);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        FeedWatcher watcher;
        try
        {
            watcher = await feed.WatchAsync(matches, stopping.Token);
        }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the formulation change feed is unavailable; try again shortly"));
        }

        using (watcher)
        {
            await context.WriteResponseHeadersAsync([]);
            try
            {
                await foreach (var entry in watcher.Entries.ReadAllAsync(stopping.Token))
                {
                    await responseStream.WriteAsync(entry.Change, stopping.Token);
                }
            }
            catch (FeedInterruptedException interrupted)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, interrupted.Message));
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "the server is shutting down; reconnect and read again"));
            }
        }
    }

    /// <summary>
    /// Who may watch what: a course's care team watches the course; a practitioner watches their own
    /// caseload (courses they treat or supervise) and nobody else's. Both are audited.
    /// </summary>
    private async Task<Func<FormulationFeedEntry, bool>> WatchFilterAsync(
        ServerCallContext context, Caller caller, WatchFormulationRequest request, CancellationToken cancellationToken)
    {
        if (request.CourseId.Length > 0)
        {
            var courseId = IdOf(request.CourseId).ToString("D");
            await ReadRecordsAsync(context, IdOf(request.CourseId), ClinicalRecordKind.Formulation, nameof(WatchFormulation), cancellationToken);
            return entry => entry.Change.CourseId == courseId;
        }

        var practitionerId = CourseRow.UserId(IdOf(request.PractitionerId));
        var allowed = ClinicalRecords.ClinicianId(caller) == practitionerId;
        audit.Record(caller.Actor(), AuditAction.List, "caseload", practitionerId, null,
            allowed ? nameof(WatchFormulation) : $"{nameof(WatchFormulation)} refused: {DomainErrorKind.PermissionDenied}");
        await db.SaveChangesAsync(cancellationToken);
        if (!allowed)
        {
            throw DomainException.Denied("a practitioner watches only their own caseload: practitioner_id must be your own id");
        }

        return entry => entry.PractitionerId == practitionerId || entry.SupervisorId == practitionerId;
    }
}
