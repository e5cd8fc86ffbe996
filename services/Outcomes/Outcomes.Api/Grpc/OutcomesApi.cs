using DitCloud.Outcomes.Api.Courses;
using DitCloud.Outcomes.Api.Kpis;
using DitCloud.Outcomes.Api.Measures;
using DitCloud.Outcomes.Api.Risk;
using DitCloud.Outcomes.Domain.Kpis;
using DitCloud.Outcomes.V1;
using DitCloud.Persistence;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = DitCloud.Outcomes.Domain;

namespace DitCloud.Outcomes.Api.Grpc;

/// <summary>
/// dit.outcomes.v1.OutcomesService: requests to use cases and back. Shapes are checked by the validators first.
/// A call on one course names its patient, pseudonymously, for the gateway's audit; lists across
/// courses and the KPIs name none.
/// </summary>
public sealed class OutcomesApi(
    MeasureRecording recording,
    CourseQueries queries,
    RiskFlagReview riskFlags,
    MeasureGapList measureGaps,
    KpiQueries kpis,
    KpiWatch kpiWatch,
    IAuditTrail audit,
    Data.OutcomesDbContext db,
    IHostApplicationLifetime lifetime) : OutcomesService.OutcomesServiceBase
{
    private static readonly TimeSpan DefaultWatchInterval = TimeSpan.FromSeconds(10);

    [RequireScope(Scopes.OutcomesWrite)]
    public override async Task<RecordMeasuresResponse> RecordMeasures(RecordMeasuresRequest request, ServerCallContext context)
    {
        var command = new RecordMeasuresCommand(
            Guid.Parse(request.RequestId),
            Guid.Parse(request.CourseId),
            (Domain.Measures.MeasurementOccasion)(int)request.Occasion,
            request.SessionNumber,
            ProtoMapping.Instant(request.MeasureTime),
            ProtoMapping.Answers(request.Phq9, request.Gad7, request.Wsas));
        var recorded = await recording.RecordAsync(Caller(context), command, context.CancellationToken);
        context.ReportPatientReference(recorded.Course.Row.PatientReference);
        var response = new RecordMeasuresResponse
        {
            MeasureSet = ProtoMapping.MeasureSet(recorded.Set, recorded.Course),
            RiskFlags = { recorded.RaisedFlags.Select(ProtoMapping.RiskFlag) },
        };
        if (recorded.RaisedFlags.FirstOrDefault(flag => flag.Reason == Domain.Risk.RiskFlagReason.Phq9Item9AboveZero) is { } item9)
        {
            response.RiskFlag = ProtoMapping.RiskFlag(item9);
        }

        return response;
    }

    [RequireScope(Scopes.OutcomesWrite)]
    public override async Task<AmendMeasuresResponse> AmendMeasures(AmendMeasuresRequest request, ServerCallContext context)
    {
        var command = new AmendMeasuresCommand(
            Guid.Parse(request.RequestId),
            Guid.Parse(request.MeasureSetId),
            request.Reason,
            ProtoMapping.Instant(request.MeasureTime),
            ProtoMapping.Answers(request.Phq9, request.Gad7, request.Wsas));
        var amended = await recording.AmendAsync(Caller(context), command, context.CancellationToken);
        context.ReportPatientReference(amended.Course.Row.PatientReference);
        return new AmendMeasuresResponse
        {
            MeasureSet = ProtoMapping.MeasureSet(amended.Set, amended.Course),
            RiskFlags = { amended.RaisedFlags.Select(ProtoMapping.RiskFlag) },
        };
    }

    [RequireScope(Scopes.OutcomesRead)]
    public override async Task<GetMeasureSetHistoryResponse> GetMeasureSetHistory(GetMeasureSetHistoryRequest request, ServerCallContext context)
    {
        var (course, versions) = await recording.HistoryAsync(Caller(context), Guid.Parse(request.MeasureSetId), context.CancellationToken);
        context.ReportPatientReference(course.Row.PatientReference);
        return new GetMeasureSetHistoryResponse { Versions = { versions.Select(version => ProtoMapping.MeasureSet(version, course)) } };
    }

    [RequireScope(Scopes.OutcomesRead)]
    public override async Task<GetCourseOutcomeResponse> GetCourseOutcome(GetCourseOutcomeRequest request, ServerCallContext context)
    {
        var view = await queries.OutcomeAsync(Caller(context), Guid.Parse(request.CourseId), context.CancellationToken);
        context.ReportPatientReference(view.Course.Row.PatientReference);
        return new GetCourseOutcomeResponse { Outcome = ProtoMapping.CourseOutcome(view.Outcome, view.Course, view.Gaps) };
    }

    [RequireScope(Scopes.OutcomesRead)]
    public override async Task<GetTrajectoryResponse> GetTrajectory(GetTrajectoryRequest request, ServerCallContext context)
    {
        var points = await queries.TrajectoryAsync(Caller(context), Guid.Parse(request.CourseId), context.CancellationToken);
        context.ReportPatientReference(await PatientOfAsync(Guid.Parse(request.CourseId), context.CancellationToken));
        return new GetTrajectoryResponse { Points = { points.Select(point => ProtoMapping.TrajectoryPoint(point.Row, point.Set)) } };
    }

    [RequireScope(Scopes.OutcomesRead)]
    public override async Task<ListRiskFlagsResponse> ListRiskFlags(ListRiskFlagsRequest request, ServerCallContext context)
    {
        var status = request.Status == V1.RiskFlagStatus.Unspecified ? (Domain.Risk.RiskFlagStatus?)null : (Domain.Risk.RiskFlagStatus)(int)request.Status;
        var list = await riskFlags.ListAsync(Caller(context), Fields.OptionalId(request.CourseId), status,
            PageTokens.Size(request.PageSize), PageTokens.Sequence(request.PageToken), context.CancellationToken);
        if (Fields.OptionalId(request.CourseId) is { } courseId) context.ReportPatientReference(await PatientOfAsync(courseId, context.CancellationToken));
        return new ListRiskFlagsResponse
        {
            RiskFlags = { list.Flags.Select(ProtoMapping.RiskFlag) },
            NextPageToken = list.NextAfter is { } after ? PageTokens.Of(after) : "",
        };
    }

    [RequireScope(Scopes.OutcomesWrite)]
    public override async Task<AcknowledgeRiskFlagResponse> AcknowledgeRiskFlag(AcknowledgeRiskFlagRequest request, ServerCallContext context)
    {
        var flag = await riskFlags.AcknowledgeAsync(Caller(context), Guid.Parse(request.RiskFlagId), (Domain.Risk.RiskAction)(int)request.Action,
            request.Note.Length == 0 ? null : request.Note, context.CancellationToken);
        context.ReportPatientReference(await PatientOfAsync(flag.CourseId, context.CancellationToken));
        return new AcknowledgeRiskFlagResponse { RiskFlag = ProtoMapping.RiskFlag(flag) };
    }

    [RequireScope(Scopes.OutcomesRead)]
    public override async Task<ListMeasureGapsResponse> ListMeasureGaps(ListMeasureGapsRequest request, ServerCallContext context)
    {
        var (page, nextAfter) = await measureGaps.ListAsync(Caller(context), Fields.OptionalId(request.PractitionerId),
            PageTokens.Size(request.PageSize), PageTokens.Id(request.PageToken), context.CancellationToken);
        return new ListMeasureGapsResponse
        {
            Courses =
            {
                page.Select(entry => new V1.CourseMeasureGaps
                {
                    CourseId = entry.Course.Id.ToString(),
                    PractitionerId = entry.Course.Row.PractitionerId?.ToString() ?? "",
                    Gaps = { entry.Gaps.Select(ProtoMapping.Gap) },
                }),
            },
            NextPageToken = nextAfter is { } after ? PageTokens.Of(after) : "",
        };
    }

    [RequireScope(Scopes.OutcomesRead)]
    public override async Task<GetKpisResponse> GetKpis(GetKpisRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var (period, practitionerId) = (Period(request.StartDate, request.EndDate), Fields.OptionalId(request.PractitionerId));
        caller.DemandKpis(practitionerId, request.ByPractitioner);
        var report = await kpis.ComputeAsync(period, practitionerId, request.ByPractitioner, context.CancellationToken);
        await AuditKpisAsync(caller, period, practitionerId, "GetKpis", context.CancellationToken);
        return new GetKpisResponse
        {
            Kpis = ProtoMapping.Kpis(report.Overall),
            PractitionerKpis = { report.ByPractitioner.Select(ProtoMapping.Kpis) },
        };
    }

    /// <summary>Ends with UNAVAILABLE when the server shuts down, so dashboards reconnect (to another replica).</summary>
    [RequireScope(Scopes.OutcomesRead)]
    public override async Task WatchKpis(WatchKpisRequest request, IServerStreamWriter<WatchKpisResponse> responseStream, ServerCallContext context)
    {
        var caller = Caller(context);
        var (period, practitionerId) = (Period(request.StartDate, request.EndDate), Fields.OptionalId(request.PractitionerId));
        caller.DemandKpis(practitionerId, byPractitioner: false);
        await AuditKpisAsync(caller, period, practitionerId, "WatchKpis", context.CancellationToken);

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var interval = request.MinInterval?.ToTimeSpan() ?? DefaultWatchInterval;
        try
        {
            await foreach (var figures in kpiWatch.WatchAsync(period, practitionerId, interval, stopping.Token))
            {
                await responseStream.WriteAsync(new WatchKpisResponse { Kpis = ProtoMapping.Kpis(figures) }, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The server is shutting down; reconnect to watch again."));
        }
    }

    /// <summary>KPIs are aggregates with no patient in them; the read is recorded once per call, by period.</summary>
    private async Task AuditKpisAsync(OutcomesCaller caller, ReportingPeriod period, Guid? practitionerId, string method, CancellationToken cancellationToken)
    {
        var scope = $"{ProtoMapping.Date(period.Start)}..{ProtoMapping.Date(period.End)}" + (practitionerId is { } id ? $"/{id}" : "");
        audit.Record(caller.Actor, AuditAction.List, "kpis", scope, null, method);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A course's pseudonymous patient, for the gateway's audit, where the use case answers without the course.</summary>
    private Task<Guid?> PatientOfAsync(Guid courseId, CancellationToken cancellationToken) =>
        db.Courses.AsNoTracking().Where(c => c.Id == courseId).Select(c => c.PatientReference).SingleOrDefaultAsync(cancellationToken);

    private static ReportingPeriod Period(string start, string end)
    {
        Fields.TryDate(start, out var first);
        Fields.TryDate(end, out var last);
        return ReportingPeriod.Create(first, last);
    }

    private static OutcomesCaller Caller(ServerCallContext context) => new(context.GetCaller());
}
