using DitCloud.ServiceDefaults;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing.V1;

namespace DitCloud.TestApi;

/// <summary>
/// The echo API behind caller authentication, as a DitCloud service protects its methods: it trusts
/// the issuers in the "Auth" settings and answers with who the verified caller is.
/// </summary>
public static class ProtectedEchoApi
{
    public static WebApplication Build(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseKestrel();
        builder.AddServiceDefaults();
        builder.AddGrpcDefaults();
        builder.AddCallerAuthentication();
        builder.Services.AddRequestValidator<EchoRequest, EchoRequestValidator>();
        builder.Services.AddRequestValidator<EchoServerStreamRequest, EchoRequestValidator>();

        builder.Services.AddSingleton<ArrivedCalls>();

        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/dit.testing.v1.EchoService")) context.RequestServices.GetRequiredService<ArrivedCalls>().Increment();
            return next(context);
        });
        app.UseGrpcDefaults();
        app.MapGrpcService<ProtectedEchoService>();
        app.MapDefaultEndpoints();
        return app;
    }
}

/// <summary>How many echo calls reached this host, refused or not: shows that a gateway refused a call itself.</summary>
public sealed class ArrivedCalls
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    internal void Increment() => Interlocked.Increment(ref _count);
}
