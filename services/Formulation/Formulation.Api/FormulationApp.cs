using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.Api.Grpc;
using DitCloud.Formulation.Api.Messaging;
using DitCloud.Messaging;
using DitCloud.Persistence;
using DitCloud.ServiceDefaults;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.ServiceDefaults.Security;

namespace DitCloud.Formulation.Api;

/// <summary>The formulation service as a web application; Program.cs runs it, the tests host it in-process.</summary>
public static class FormulationApp
{
    /// <param name="settings">Settings laid over the configuration (tests give connection strings and keys here).</param>
    /// <param name="services">For a host embedding the service to replace or add a registration, such as the clock or a log sink.</param>
    public static WebApplication Build(
        string[] args,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);

        builder.AddServiceDefaults();
        builder.AddGrpcDefaults();
        builder.AddCallerAuthentication();
        builder.AddServiceDatabase<FormulationDbContext>("formulationdb");
        builder.AddMessaging<FormulationDbContext>("formulation", configure: bus => bus.AddConsumer<SchedulingEventsConsumer>());
        builder.AddFormulationServices();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseGrpcDefaults();
        app.MapGrpcService<FormulationApi>();
        app.MapDefaultEndpoints();
        return app;
    }
}
