using DitCloud.Scheduling.Api.Booking;
using DitCloud.Scheduling.Api.Courses;
using DitCloud.Scheduling.Api.Diary;
using DitCloud.Scheduling.Api.Grpc.Validators;
using DitCloud.Scheduling.Api.Practitioners;
using DitCloud.Scheduling.V1;
using DitCloud.ServiceDefaults;
using DitCloud.ServiceDefaults.Grpc;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace DitCloud.Scheduling.Api;

public static class SchedulingServiceExtensions
{
    /// <summary>The service's own parts: settings, Redis, the application services, the diary feed and the request rules.</summary>
    public static IHostApplicationBuilder AddSchedulingServices(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SchedulingOptions>(SchedulingOptions.Section);
        builder.AddRedis("cache");

        builder.Services.AddScoped<CourseStore>();
        builder.Services.AddScoped<PractitionerDirectory>();
        builder.Services.AddScoped<SlotSearch>();
        builder.Services.AddScoped<FirstOffers>();
        builder.Services.AddScoped<WaitingListAllocator>();
        builder.Services.AddScoped<CourseScheduling>();
        builder.Services.AddScoped<CourseIntake>();
        builder.Services.AddSingleton<SlotHolds>();
        builder.Services.AddSingleton<DiaryFeed>();
        builder.Services.AddSingleton<IInterceptor, DiarySaveInterceptor>();
        builder.Services.AddSingleton<IInterceptor, DiaryTransactionInterceptor>();

        builder.Services.AddRequestValidator<RegisterPractitionerRequest, RegisterPractitionerValidator>();
        builder.Services.AddRequestValidator<GetPractitionerRequest, GetPractitionerValidator>();
        builder.Services.AddRequestValidator<ListPractitionersRequest, ListPractitionersValidator>();
        builder.Services.AddRequestValidator<UpdatePractitionerRequest, UpdatePractitionerValidator>();
        builder.Services.AddRequestValidator<SetWeeklyAvailabilityRequest, SetWeeklyAvailabilityValidator>();
        builder.Services.AddRequestValidator<AddTimeOffRequest, AddTimeOffValidator>();
        builder.Services.AddRequestValidator<FindSlotsRequest, FindSlotsValidator>();
        builder.Services.AddRequestValidator<BookAppointmentRequest, BookAppointmentValidator>();
        builder.Services.AddRequestValidator<RescheduleAppointmentRequest, RescheduleAppointmentValidator>();
        builder.Services.AddRequestValidator<CancelAppointmentRequest, CancelAppointmentValidator>();
        builder.Services.AddRequestValidator<RecordAttendanceRequest, RecordAttendanceValidator>();
        builder.Services.AddRequestValidator<GetCourseRequest, GetCourseValidator>();
        builder.Services.AddRequestValidator<EndCourseRequest, EndCourseValidator>();
        builder.Services.AddRequestValidator<ListAppointmentsRequest, ListAppointmentsValidator>();
        builder.Services.AddRequestValidator<WatchDiaryRequest, WatchDiaryValidator>();
        return builder;
    }

    /// <summary>
    /// One Redis connection for the process (ConnectionStrings:name). It keeps reconnecting while
    /// Redis is away; readiness reports degraded, not unhealthy, because bookings still have the
    /// database's guard and only the diary stream stops.
    /// </summary>
    private static void AddRedis(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Set the environment variable ConnectionStrings__{connectionName} " +
                "to a Redis connection string (host:port,password=...); the AppHost does this for the projects it starts.");
        }

        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(connectionName, HealthStatus.Degraded);
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"Redis unreachable ({exception.GetType().Name})");
            }
        }
    }
}
