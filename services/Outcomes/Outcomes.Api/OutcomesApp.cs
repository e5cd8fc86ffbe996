using DitCloud.Messaging;
using DitCloud.Outcomes.Api.Courses;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Api.Grpc;
using DitCloud.Outcomes.Api.Kpis;
using DitCloud.Outcomes.Api.Measures;
using DitCloud.Outcomes.Api.Messaging;
using DitCloud.Outcomes.Api.Risk;
using DitCloud.Outcomes.V1;
using DitCloud.Persistence;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.ServiceDefaults.Redis;
using DitCloud.ServiceDefaults.Security;
using DitCloud.ServiceDefaults;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace DitCloud.Outcomes.Api;

/// <summary>The outcomes service as a web application; Program.cs runs it, the tests host it in-process.</summary>
public static class OutcomesApp
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
        builder.AddServiceDatabase<OutcomesDbContext>("outcomesdb");
        builder.AddMessaging<OutcomesDbContext>("outcomes", configure: bus =>
        {
            bus.AddConsumer<CourseCreatedConsumer>();
            bus.AddConsumer<PractitionerAssignedConsumer>();
            bus.AddConsumer<SessionAttendedConsumer>();
            bus.AddConsumer<SessionMissedConsumer>();
            bus.AddConsumer<CourseCompletedConsumer>();
        });
        builder.AddOutcomesServices();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseGrpcDefaults();
        app.MapGrpcService<OutcomesApi>();
        app.MapDefaultEndpoints();
        return app;
    }

    /// <summary>The outcomes service's own parts: settings, Redis, use cases and request rules.</summary>
    public static IHostApplicationBuilder AddOutcomesServices(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<OutcomesOptions>(OutcomesOptions.Section);
        builder.AddRedisConnection("cache");

        var services = builder.Services;
        services.AddSingleton<ServiceCalendar>();
        services.AddSingleton<OutcomesMetrics>();
        services.AddSingleton<CourseReadModel>();
        services.AddSingleton<KpiChanges>();
        services.AddHostedService(provider => provider.GetRequiredService<KpiChanges>());
        services.AddSingleton<IInterceptor, KpiChangeSaveInterceptor>();
        services.AddSingleton<IInterceptor, KpiChangeTransactionInterceptor>();

        services.AddScoped<CourseStore>();
        services.AddScoped<CourseAccess>();
        services.AddScoped<CourseQueries>();
        services.AddScoped<CourseEventLog>();
        services.AddScoped<AttendanceRecorder>();
        services.AddScoped<MeasureRecording>();
        services.AddScoped<MeasureGapList>();
        services.AddScoped<RiskFlagRaiser>();
        services.AddScoped<RiskFlagReview>();
        services.AddScoped<KpiQueries>();
        services.AddScoped<KpiWatch>();

        services.AddRequestValidator<RecordMeasuresRequest, RecordMeasuresValidator>();
        services.AddRequestValidator<AmendMeasuresRequest, AmendMeasuresValidator>();
        services.AddRequestValidator<GetMeasureSetHistoryRequest, GetMeasureSetHistoryValidator>();
        services.AddRequestValidator<GetCourseOutcomeRequest, GetCourseOutcomeValidator>();
        services.AddRequestValidator<GetTrajectoryRequest, GetTrajectoryValidator>();
        services.AddRequestValidator<ListRiskFlagsRequest, ListRiskFlagsValidator>();
        services.AddRequestValidator<AcknowledgeRiskFlagRequest, AcknowledgeRiskFlagValidator>();
        services.AddRequestValidator<GetKpisRequest, GetKpisValidator>();
        services.AddRequestValidator<WatchKpisRequest, WatchKpisValidator>();
        services.AddRequestValidator<ListMeasureGapsRequest, ListMeasureGapsValidator>();
        return builder;
    }
}
