using System.Diagnostics;
using OpenTelemetry;

namespace DitCloud.ServiceDefaults.Telemetry;

/// <summary>
/// grpc-dotnet starts a span for each outgoing call (ActivitySource "Grpc.Net.Client", named
/// "Grpc.Net.Client.GrpcOut"), the parent of the HTTP request that carries it. Exported as it is, it
/// would not follow the RPC conventions (the instrumentation package that renames it is prerelease
/// only); this names it "package.Service/Method" and adds the rpc.* attributes.
/// </summary>
internal sealed class GrpcClientSpanProcessor : BaseProcessor<Activity>
{
    public const string SourceName = "Grpc.Net.Client";

    public override void OnStart(Activity span)
    {
        if (span.Source.Name != SourceName || span.GetTagItem("grpc.method") is not string fullMethod) return;
        // "/package.Service/Method"
        var slash = fullMethod.LastIndexOf('/');
        if (slash <= 0) return;
        span.DisplayName = fullMethod[1..];
        span.SetTag("rpc.system", "grpc").SetTag("rpc.service", fullMethod[1..slash]).SetTag("rpc.method", fullMethod[(slash + 1)..]);
    }

    public override void OnEnd(Activity span)
    {
        if (span.Source.Name == SourceName && span.GetTagItem("grpc.status_code") is string code && int.TryParse(code, out var status))
        {
            span.SetTag("rpc.grpc.status_code", status);
        }
    }
}
