using DitCloud.Referral.Api.Referrals;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;

namespace DitCloud.Referral.Api.Grpc;

/// <summary>
/// dit.referral.v1.ReferralService. Each rpc checks the caller's scope, converts the message and hands
/// over to the use case; requests were validated before they get here (see RequestValidators).
/// A call on one referral names its patient, pseudonymously, for the gateway's audit; lists and the
/// watch stream span many patients and name none (the service's own audit lists each).
/// </summary>
public sealed class ReferralApi(
    ReferralIntake intake,
    ReferralQueries queries,
    ReferralWorkflow workflow,
    ReferralWatch watch,
    IHostApplicationLifetime lifetime) : V1.ReferralService.ReferralServiceBase
{
    public override async Task<V1.SubmitReferralResponse> SubmitReferral(V1.SubmitReferralRequest request, ServerCallContext context)
    {
        var caller = ReferralCallers.Submitter(context);
        var (view, created) = await intake.SubmitAsync(caller, ReferralMessages.ToSubmission(request),
            ReferralMessages.ToDeliveryMode(request.PreferredDeliveryMode), context.CancellationToken);
        context.ReportPatientReference(view.PatientReference);
        return new() { Referral = ReferralMessages.ToMessage(view), Created = created };
    }

    public override async Task<V1.GetReferralResponse> GetReferral(V1.GetReferralRequest request, ServerCallContext context)
    {
        var view = await queries.GetAsync(ReferralCallers.Reader(context), RequestRules.ReadReferralId(request.ReferralId), context.CancellationToken);
        context.ReportPatientReference(view.PatientReference);
        return new() { Referral = ReferralMessages.ToMessage(view) };
    }

    public override async Task<V1.ListReferralsResponse> ListReferrals(V1.ListReferralsRequest request, ServerCallContext context)
    {
        var query = new ReferralListQuery(
            RequestRules.ReadStatuses(request.Statuses),
            request.ReceivedAfter?.ToDateTimeOffset(),
            request.ReceivedBefore?.ToDateTimeOffset(),
            request.ReferringOdsCode.Length > 0 ? Domain.OdsCode.Parse(request.ReferringOdsCode) : null,
            request.PartnerId.Length > 0 ? request.PartnerId : null,
            request.PageSize == 0 ? ListReferralsValidator.DefaultPageSize : request.PageSize,
            request.PageToken);
        var (page, next) = await queries.ListAsync(ReferralCallers.Reader(context), query, context.CancellationToken);
        return new() { Referrals = { page.Select(ReferralMessages.ToMessage) }, NextPageToken = next ?? "" };
    }

    public override async Task<V1.ScreenReferralResponse> ScreenReferral(V1.ScreenReferralRequest request, ServerCallContext context)
    {
        var view = await workflow.ScreenAsync(ReferralCallers.Manager(context), RequestRules.ReadReferralId(request.ReferralId), request.Etag,
            ReferralMessages.ToDecision(request.Decision), context.CancellationToken);
        context.ReportPatientReference(view.PatientReference);
        return new() { Referral = ReferralMessages.ToMessage(view) };
    }

    public override async Task<V1.AcceptReferralResponse> AcceptReferral(V1.AcceptReferralRequest request, ServerCallContext context)
    {
        var view = await workflow.AcceptAsync(ReferralCallers.Manager(context), RequestRules.ReadReferralId(request.ReferralId), request.Etag, context.CancellationToken);
        context.ReportPatientReference(view.PatientReference);
        return new() { Referral = ReferralMessages.ToMessage(view) };
    }

    public override async Task<V1.DeclineReferralResponse> DeclineReferral(V1.DeclineReferralRequest request, ServerCallContext context)
    {
        var view = await workflow.DeclineAsync(ReferralCallers.Manager(context), RequestRules.ReadReferralId(request.ReferralId), request.Etag, context.CancellationToken);
        context.ReportPatientReference(view.PatientReference);
        return new() { Referral = ReferralMessages.ToMessage(view) };
    }

    public override async Task<V1.WithdrawReferralResponse> WithdrawReferral(V1.WithdrawReferralRequest request, ServerCallContext context)
    {
        var view = await workflow.WithdrawAsync(ReferralCallers.Withdrawer(context), RequestRules.ReadReferralId(request.ReferralId), request.Etag,
            (Domain.WithdrawalReason)request.Reason, context.CancellationToken);
        context.ReportPatientReference(view.PatientReference);
        return new() { Referral = ReferralMessages.ToMessage(view) };
    }

    public override async Task WatchReferrals(V1.WatchReferralsRequest request, IServerStreamWriter<V1.WatchReferralsResponse> responseStream, ServerCallContext context)
    {
        var caller = ReferralCallers.Reader(context);
        Data.FeedPosition start;
        try
        {
            start = await watch.StartAsync(request.AfterCursor, context.CancellationToken);
        }
        catch (CursorExpiredException expired)
        {
            throw new RpcException(new Status(StatusCode.OutOfRange, expired.Message));
        }

        // Headers now tell the client the stream is live: every change from here on will come.
        await context.WriteResponseHeadersAsync([]);

        // The stream ends when the client cancels, or with UNAVAILABLE when this server stops.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var change in watch.WatchAsync(caller, RequestRules.ReadStatuses(request.Statuses), start, stopping.Token))
            {
                await responseStream.WriteAsync(ReferralMessages.ToMessage(change), stopping.Token);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the server is shutting down; reconnect with the cursor of the last change received"));
        }
    }
}
