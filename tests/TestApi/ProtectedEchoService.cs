using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace DitCloud.TestApi;

/// <summary>
/// Each method protected a different way: a scope declared with an attribute, a scope checked in
/// code, any verified caller, and no caller at all. Replies name the verified caller.
/// </summary>
public sealed class ProtectedEchoService : EchoService.EchoServiceBase
{
    [RequireScope(Scopes.ReferralRead)]
    public override async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        if (request.Payload.DelayMs > 0) await Task.Delay(request.Payload.DelayMs, context.CancellationToken);
        var response = new EchoResponse { Message = request.Payload.Message };
        Describe(context.GetCaller(), response.EchoedMetadata);
        // Lets a test see a service name the patient for the gateway's audit.
        if (context.RequestHeaders.GetValue("echo-patient-ref") is { } patientReference) context.ReportPatientReference(patientReference);
        foreach (var entry in context.RequestHeaders.Where(h => h.Key.StartsWith("echo-", StringComparison.Ordinal) && !h.IsBinary))
        {
            response.EchoedMetadata[entry.Key] = entry.Value;
            context.ResponseTrailers.Add(entry.Key, entry.Value);
        }
        return response;
    }

    public override async Task EchoServerStream(EchoServerStreamRequest request, IServerStreamWriter<EchoServerStreamResponse> responseStream, ServerCallContext context)
    {
        var caller = context.RequireScope(Scopes.ReferralSubmit);
        await responseStream.WriteAsync(new EchoServerStreamResponse { Message = caller.Id, Sequence = 1 }, context.CancellationToken);
    }

    /// <summary>Needs a verified caller, no particular scope: the default for every method.</summary>
    public override async Task<EchoClientStreamResponse> EchoClientStream(IAsyncStreamReader<EchoClientStreamRequest> requestStream, ServerCallContext context)
    {
        var count = 0;
        await foreach (var _ in requestStream.ReadAllAsync(context.CancellationToken)) count++;
        return new EchoClientStreamResponse { Message = context.GetCaller().Id, Count = count };
    }

    [AllowAnonymous]
    public override async Task EchoBidiStream(IAsyncStreamReader<EchoBidiStreamRequest> requestStream, IServerStreamWriter<EchoBidiStreamResponse> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new EchoBidiStreamResponse { Message = request.Payload.Message }, context.CancellationToken);
        }
    }

    private static void Describe(Caller caller, IDictionary<string, string> into)
    {
        into["caller-id"] = caller.Id;
        into["caller-kind"] = caller.Kind.ToString();
        into["caller-organisation"] = caller.OrganisationCode ?? "";
        into["caller-scopes"] = string.Join(' ', caller.Scopes.Order(StringComparer.Ordinal));
        into["caller-roles"] = string.Join(' ', caller.Roles.Order(StringComparer.Ordinal));
    }
}
