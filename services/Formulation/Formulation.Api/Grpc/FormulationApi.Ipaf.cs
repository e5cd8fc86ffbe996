using System.Globalization;
using DitCloud.Contracts.Events.V1;
using DitCloud.Domain;
using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.Api.Grpc.Validators;
using DitCloud.Formulation.Api.Records;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.Ipaf;
using DitCloud.Formulation.V1;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using Ipaf = DitCloud.Formulation.V1.Ipaf;

namespace DitCloud.Formulation.Api.Grpc;

public sealed partial class FormulationApi
{
    [RequireScope(Scopes.FormulationWrite)]
    public override Task<SaveIpafDraftResponse> SaveIpafDraft(SaveIpafDraftRequest request, ServerCallContext context) =>
        ChangeIpafAsync(context, request.CourseId, nameof(SaveIpafDraft), FormulationChangeType.IpafDraftSaved, (change, formulation, rows) =>
        {
            var content = new IpafContent(
                request.SelfRepresentation, request.OtherRepresentation,
                new LinkingAffects(request.LinkingAffect, request.LinkingAffectLessConscious.Length == 0 ? null : request.LinkingAffectLessConscious),
                request.DefensiveFunction, request.Transference.Length == 0 ? null : request.Transference);
            if (formulation.Current is null)
            {
                return RequestFields.Named(RequestFields.Ipaf, () => formulation.Draft(change.Access, content, change.Now));
            }

            EnsureEtag(request.Etag, rows[^1].Etag, "IPAF draft");
            return RequestFields.Named(RequestFields.Ipaf, () => formulation.EditDraft(change.Access, content, change.Now));
        }, (row, formulation) => new SaveIpafDraftResponse { Ipaf = ProtoMapping.Ipaf(row, formulation) });

    [RequireScope(Scopes.FormulationRead)]
    public override async Task<GetIpafResponse> GetIpaf(GetIpafRequest request, ServerCallContext context)
    {
        var read = await ReadRecordsAsync(context, IdOf(request.CourseId), ClinicalRecordKind.Formulation, nameof(GetIpaf), context.CancellationToken);
        var (formulation, rows) = await db.FormulationAsync(read.Course, tracked: false, context.CancellationToken);
        var version = request.Version == 0
            ? formulation.Current ?? throw DomainException.NotFound("the course has no IPAF yet; draft one with SaveIpafDraft")
            : formulation.Version(request.Version);
        return new GetIpafResponse { Ipaf = ProtoMapping.Ipaf(rows.Single(r => r.Number == version.Number), formulation) };
    }

    [RequireScope(Scopes.FormulationRead)]
    public override async Task<ListIpafVersionsResponse> ListIpafVersions(ListIpafVersionsRequest request, ServerCallContext context)
    {
        var read = await ReadRecordsAsync(context, IdOf(request.CourseId), ClinicalRecordKind.Formulation, nameof(ListIpafVersions), context.CancellationToken);
        var (formulation, rows) = await db.FormulationAsync(read.Course, tracked: false, context.CancellationToken);
        return new ListIpafVersionsResponse { Versions = { Enumerable.Reverse(rows).Select(row => ProtoMapping.Ipaf(row, formulation)) } };
    }

    [RequireScope(Scopes.FormulationWrite)]
    public override Task<ShareIpafResponse> ShareIpaf(ShareIpafRequest request, ServerCallContext context) =>
        ChangeIpafAsync(context, request.CourseId, nameof(ShareIpaf), FormulationChangeType.IpafShared, (change, formulation, rows) =>
        {
            formulation.NewestVersion(request.Version);
            EnsureEtag(request.Etag, rows[^1].Etag, "IPAF version");
            return RequestFields.Ready("share the draft with the patient", RequestFields.Ipaf, () => formulation.Share(change.Access, change.Now));
        }, (row, formulation) => new ShareIpafResponse { Ipaf = ProtoMapping.Ipaf(row, formulation) });

    [RequireScope(Scopes.FormulationWrite)]
    public override Task<AgreeIpafResponse> AgreeIpaf(AgreeIpafRequest request, ServerCallContext context) =>
        ChangeIpafAsync(context, request.CourseId, nameof(AgreeIpaf), FormulationChangeType.IpafAgreed, (change, formulation, rows) =>
        {
            var version = formulation.NewestVersion(request.Version);
            EnsureEtag(request.Etag, rows[^1].Etag, "IPAF version");
            var agreedOn = request.AgreedOn.Length > 0
                ? DateOnly.ParseExact(request.AgreedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : AgreeIpafValidator.Today(clock, options.Value);
            var previouslyAgreed = formulation.LatestAgreed;
            var agreed = formulation.Agree(change.Access, agreedOn, request.SessionNumber, change.Now);
            // The course's first agreed focus is FormulationAgreed; a later one replaces it: FormulationRevised.
            var author = Guid.Parse(version.DraftedBy);
            if (previouslyAgreed is null)
            {
                change.Publish(new FormulationAgreed(
                    Guid.CreateVersion7(), change.Now, change.Course.CourseId, version.Number, request.SessionNumber, author));
            }
            else
            {
                change.Publish(new FormulationRevised(
                    Guid.CreateVersion7(), change.Now, change.Course.CourseId, previouslyAgreed.Number, version.Number, request.SessionNumber, author));
            }

            return agreed.State;
        }, (row, formulation) => new AgreeIpafResponse { Ipaf = ProtoMapping.Ipaf(row, formulation) });

    [RequireScope(Scopes.FormulationWrite)]
    public override Task<ReviseIpafResponse> ReviseIpaf(ReviseIpafRequest request, ServerCallContext context) =>
        ChangeIpafAsync(context, request.CourseId, nameof(ReviseIpaf), FormulationChangeType.IpafRevisionStarted,
            (change, formulation, _) => formulation.Revise(change.Access, request.Reason, change.Now).State,
            (row, formulation) => new ReviseIpafResponse { Ipaf = ProtoMapping.Ipaf(row, formulation) });

    /// <summary>
    /// One IPAF step: load the course's versions, let <paramref name="step"/> move the formulation,
    /// store the newest version, announce it and answer with it once committed.
    /// </summary>
    private Task<TResponse> ChangeIpafAsync<TResponse>(
        ServerCallContext context, string courseId, string method, FormulationChangeType announced,
        Func<ClinicalChange, IpafFormulation, List<IpafVersionRow>, IpafFormulation> step,
        Func<IpafVersionRow, IpafFormulation, TResponse> respond) =>
        ChangeRecordsAsync<TResponse>(context, IdOf(courseId), ClinicalRecordKind.Formulation, method, async change =>
        {
            var (formulation, rows) = await db.FormulationAsync(change.Course, tracked: true, context.CancellationToken);
            var changed = step(change, formulation, rows);
            var row = db.Store(changed, rows);
            change.Announce(new WatchFormulationResponse { ChangeType = announced, IpafVersion = row.Number });
            return () => respond(row, changed);
        }, context.CancellationToken);
}
