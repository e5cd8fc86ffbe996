using DitCloud.Messaging;
using DitCloud.Persistence;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Api.Grpc;
using DitCloud.Scheduling.Api.Messaging;
using DitCloud.ServiceDefaults;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.ServiceDefaults.Security;

namespace DitCloud.Scheduling.Api;

/// <summary>The scheduling service as a web application; Program.cs runs it, the tests host it in-process.</summary>
public static class SchedulingApp
{
    /// <param name="settings">Settings laid over the configuration (tests give connection strings and keys here).</param>
    /// <param name="services">For a host embedding the service to replace a registration, such as the clock.</param>
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
        builder.AddServiceDatabase<SchedulingDbContext>("schedulingdb");
        builder.AddMessaging<SchedulingDbContext>("scheduling", configure: bus =>
        {
            bus.AddConsumer<ReferralAcceptedConsumer>();
            bus.AddConsumer<ReferralWithdrawnConsumer>();
        });
        builder.AddSchedulingServices();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseGrpcDefaults();
        app.MapGrpcService<SchedulingApi>();
        app.MapDefaultEndpoints();
        return app;
    }
}
