using DitCloud.Domain;
using DitCloud.Referral.Domain;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.Testing.V1;
using Grpc.Core;

namespace DitCloud.TestApi;

/// <summary>The test API's server: echoes, and fails on request in the ways the defaults must handle.</summary>
public sealed class EchoApiService : DitCloud.Testing.V1.EchoService.EchoServiceBase
{
    public const string UnexpectedFailure = "throw-unexpected";
    public const string DomainNotFound = "throw-domain-not-found";

    /// <summary>How many times each message arrived (retries show here).</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Attempts = new();

    public override async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        await Act(request.Payload, context);
        var response = new EchoResponse { Message = request.Payload.Message };
        // Metadata is built from the HTTP headers on first use: only calls that carry echo- headers pay for it.
        if (!CarriesEchoHeaders(context)) return response;
        foreach (var entry in context.RequestHeaders.Where(h => h.Key.StartsWith("echo-", StringComparison.Ordinal)))
        {
            if (entry.IsBinary)
            {
                context.ResponseTrailers.Add(entry.Key, entry.ValueBytes);
                continue;
            }
            response.EchoedMetadata[entry.Key] = entry.Value;
            context.ResponseTrailers.Add(entry.Key, entry.Value);
        }
        return response;
    }

    public override async Task EchoServerStream(EchoServerStreamRequest request, IServerStreamWriter<EchoServerStreamResponse> responseStream, ServerCallContext context)
    {
        await Act(request.Payload, context);
        for (var i = 1; i <= request.ReplyCount; i++)
        {
            await responseStream.WriteAsync(new EchoServerStreamResponse { Message = request.Payload.Message, Sequence = i }, context.CancellationToken);
            if (request.ReplyIntervalMs > 0) await Task.Delay(request.ReplyIntervalMs, context.CancellationToken);
        }
    }

    public override async Task<EchoClientStreamResponse> EchoClientStream(IAsyncStreamReader<EchoClientStreamRequest> requestStream, ServerCallContext context)
    {
        var messages = new List<string>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await Act(request.Payload, context);
            messages.Add(request.Payload.Message);
        }
        return new EchoClientStreamResponse { Message = string.Join(' ', messages), Count = messages.Count };
    }

    public override async Task EchoBidiStream(IAsyncStreamReader<EchoBidiStreamRequest> requestStream, IServerStreamWriter<EchoBidiStreamResponse> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await Act(request.Payload, context);
            await responseStream.WriteAsync(new EchoBidiStreamResponse { Message = request.Payload.Message }, context.CancellationToken);
        }
    }

    private static bool CarriesEchoHeaders(ServerCallContext context)
    {
        foreach (var header in context.GetHttpContext().Request.Headers)
        {
            if (header.Key.StartsWith("echo-", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static async Task Act(EchoPayload payload, ServerCallContext context)
    {
        Attempts.AddOrUpdate(payload.Message, 1, (_, count) => count + 1);
        if (payload.DelayMs > 0) await Task.Delay(payload.DelayMs, context.CancellationToken);
        if (payload.FailWithCode != 0) throw new RpcException(new Status((StatusCode)payload.FailWithCode, payload.FailMessage));
        switch (payload.Message)
        {
            case UnexpectedFailure: throw new InvalidOperationException("secret internal detail 9434765919");
            case DomainNotFound: throw DomainException.NotFound("referral 42 was not found");
        }
    }
}

/// <summary>The test API's rules, declared once per message.</summary>
public sealed class EchoRequestValidator : IRequestValidator<EchoRequest>, IRequestValidator<EchoServerStreamRequest>, IRequestValidator<EchoClientStreamRequest>
{
    public IEnumerable<FieldViolation> Validate(EchoRequest request) => Payload(request.Payload, "payload");

    public IEnumerable<FieldViolation> Validate(EchoServerStreamRequest request)
    {
        foreach (var violation in Payload(request.Payload, "payload")) yield return violation;
        if (request.ReplyCount is < 1 or > 1000) yield return new("reply_count", "must be between 1 and 1000");
        if (request.ReplyIntervalMs is < 0 or > 10_000) yield return new("reply_interval_ms", "must be between 0 and 10000 milliseconds");
    }

    public IEnumerable<FieldViolation> Validate(EchoClientStreamRequest request) => Payload(request.Payload, "payload");

    private static IEnumerable<FieldViolation> Payload(EchoPayload? payload, string path)
    {
        if (payload is null)
        {
            yield return new(path, "is required");
            yield break;
        }
        if (payload.Message.Length is < 1 or > 1024) yield return new($"{path}.message", "must be 1 to 1024 characters; send a non-empty message");
        if (payload.DelayMs is < 0 or > 60_000) yield return new($"{path}.delay_ms", "must be between 0 and 60000 milliseconds");
        if (payload.NhsNumber.Length > 0 && !NhsNumber.TryParse(payload.NhsNumber, out _, out var failure)) yield return new($"{path}.nhs_number", failure);
    }
}
