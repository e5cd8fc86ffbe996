using DitCloud.Contracts.Events.V1;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.V1;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static DitCloud.Scheduling.V1.SchedulingService;
using AttendanceCode = DitCloud.Scheduling.V1.AttendanceCode;
using DeliveryMode = DitCloud.Scheduling.V1.DeliveryMode;

namespace DitCloud.Scheduling.Api.Tests;

/// <summary>
/// One test's scheduling service: its own database and Redis key prefix, on its class's virtual host,
/// hosted in-process on real Kestrel, with a clock the test moves (shared by every replica it
/// starts). Helpers make the usual setup short: practitioners with weekday availability, accepted
/// referrals turned into courses, and times in London.
/// </summary>
public sealed class SchedulingService : IAsyncDisposable
{
    private readonly List<ServiceHost> replicas = [];
    private readonly Dictionary<string, string?> settings;

    private SchedulingService(SchedulingBroker broker, string database, Dictionary<string, string?> settings)
    {
        Broker = broker;
        Database = database;
        this.settings = settings;
    }

    public SchedulingBroker Broker { get; }

    public string Database { get; }

    /// <summary>The service's clock: starts at the real time (so the inbox's own clock agrees) and moves only when told.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public ServiceHost Host => replicas[0];

    /// <summary>A client acting as a scheduling administrator.</summary>
    public SchedulingServiceClient Admin => Client(AdminToken());

    public static string AdminToken() =>
        TestTokens.Clinician("scheduling-admin", [Roles.Admin], Scopes.SchedulingRead, Scopes.SchedulingManage);

    public static string ClinicianToken(string practitionerId) =>
        TestTokens.Clinician(practitionerId, [Roles.Clinician], Scopes.SchedulingRead, Scopes.SchedulingManage);

    public static async Task<SchedulingService> StartAsync(SchedulingBroker broker, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var servers = broker.Servers;
        var database = await TestDatabases.CreateAsync(servers);
        var (redis, prefix) = await servers.RedisWithPrefixAsync("scheduling");
        var settings = new Dictionary<string, string?>(TestTokens.AuthSettings)
        {
            ["ConnectionStrings:schedulingdb"] = database,
            ["ConnectionStrings:bus"] = broker.VirtualHost,
            ["ConnectionStrings:cache"] = redis,
            ["Scheduling:RedisKeyPrefix"] = prefix,
            ["Messaging:PollInterval"] = "00:00:00.200",
            ["Messaging:RetryMinDelay"] = "00:00:00.050",
            ["Messaging:RetryMaxDelay"] = "00:00:01",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var service = new SchedulingService(broker, database, settings);
        await service.StartReplicaAsync();
        return service;
    }

    /// <summary>Another replica on the same database, broker, Redis prefix and clock.</summary>
    public async Task<ServiceHost> StartReplicaAsync()
    {
        var host = await ServiceHost.StartAsync(s => SchedulingApp.Build([], s, services => services.AddSingleton<TimeProvider>(Clock)), settings);
        replicas.Add(host);
        // Consumers must be bound to their queues before the test publishes anything.
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return host;
    }

    public SchedulingServiceClient Client(string token, ServiceHost? host = null) =>
        new((host ?? Host).Channel.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        }));

    /// <summary>A qualified practitioner (unless told otherwise) working weekdays 09:00-17:00 London time.</summary>
    public async Task<Practitioner> RegisterAsync(
        PractitionerRole role = PractitionerRole.Qualified,
        string? supervisorId = null,
        int hours = 300,
        bool background = true,
        DeliveryMode[]? modes = null,
        int maxCaseload = 10,
        bool available = true,
        string? name = null)
    {
        var request = new RegisterPractitionerRequest
        {
            DisplayName = name ?? $"Practitioner {Guid.NewGuid():N}"[..20],
            RegistrationNumber = $"BPC-{Random.Shared.Next(100_000_000):D9}",
            Role = role,
            SupervisorPractitionerId = supervisorId ?? "",
            PsychodynamicBackground = background,
            SupervisedPsychodynamicHours = hours,
            MaxCaseload = maxCaseload,
        };
        request.DeliveryModes.AddRange(modes ?? [DeliveryMode.Video, DeliveryMode.FaceToFace]);
        var practitioner = (await Admin.RegisterPractitionerAsync(request, cancellationToken: Cancel)).Practitioner;
        if (available) await SetWeekdaysAsync(practitioner.PractitionerId);
        return practitioner;
    }

    public async Task SetWeekdaysAsync(string practitionerId, int fromHour = 9, int toHour = 17)
    {
        var request = new SetWeeklyAvailabilityRequest { PractitionerId = practitionerId };
        request.Windows.AddRange(new[] { Weekday.Monday, Weekday.Tuesday, Weekday.Wednesday, Weekday.Thursday, Weekday.Friday }
            .Select(day => new AvailabilityWindow { Weekday = day, StartTime = $"{fromHour:D2}:00", EndTime = $"{toHour:D2}:00" }));
        await Admin.SetWeeklyAvailabilityAsync(request, cancellationToken: Cancel);
    }

    /// <summary>What the referral service publishes when it accepts a referral.</summary>
    public ReferralAccepted Accepted(Guid? referralId = null, Contracts.Events.V1.DeliveryMode mode = Contracts.Events.V1.DeliveryMode.Video,
        string partner = "partner-a", DateTimeOffset? receivedAt = null)
    {
        var now = Clock.GetUtcNow();
        return new ReferralAccepted(Guid.CreateVersion7(), now, referralId ?? Guid.NewGuid(), partner, Guid.NewGuid(),
            receivedAt ?? now.AddDays(-20), now, mode);
    }

    /// <summary>Publishes an acceptance and waits for its course.</summary>
    public async Task<Course> AcceptReferralAsync(ReferralAccepted? accepted = null)
    {
        accepted ??= Accepted();
        await Broker.PublishAsync(accepted);
        return await CourseOfReferralAsync(accepted.ReferralId);
    }

    public Task<Course> CourseOfReferralAsync(Guid referralId, int seconds = 20) => Eventually.Until(
        async () =>
        {
            try
            {
                return (await Admin.GetCourseAsync(new GetCourseRequest { ReferralId = referralId.ToString() }, cancellationToken: Cancel)).Course;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        },
        course => course is not null,
        "the course of the accepted referral",
        seconds)!;

    public async Task<Course> GetCourseAsync(string courseId) =>
        (await Admin.GetCourseAsync(new GetCourseRequest { CourseId = courseId }, cancellationToken: Cancel)).Course;

    /// <summary>A London wall-clock time on the given weekday, at least a week from the service's now.</summary>
    public DateTimeOffset Next(DayOfWeek day, int hour, int minute = 0, int weeksAhead = 1)
    {
        var zone = ClinicTimeZone.London;
        var date = zone.LocalDate(Clock.GetUtcNow()).AddDays(7 * weeksAhead);
        while (date.DayOfWeek != day) date = date.AddDays(1);
        return zone.ToInstant(date, new TimeOnly(hour, minute));
    }

    public Task<Appointment> BookAsync(Course course, DateTimeOffset start, string? practitionerId = null, SchedulingServiceClient? client = null) =>
        BookAsync(course.CourseId, practitionerId ?? course.PractitionerId, start, client);

    public async Task<Appointment> BookAsync(string courseId, string practitionerId, DateTimeOffset start, SchedulingServiceClient? client = null) =>
        (await (client ?? Admin).BookAppointmentAsync(new BookAppointmentRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            CourseId = courseId,
            PractitionerId = practitionerId,
            StartTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(start),
        }, cancellationToken: Cancel)).Appointment;

    public async Task<RecordAttendanceResponse> AttendAsync(Appointment appointment, AttendanceCode code = AttendanceCode.Attended)
    {
        Clock.SetUtcNow(Max(Clock.GetUtcNow(), appointment.StartTime.ToDateTimeOffset().AddMinutes(55)));
        return await Admin.RecordAttendanceAsync(new RecordAttendanceRequest { AppointmentId = appointment.AppointmentId, AttendanceCode = code }, cancellationToken: Cancel);
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var value = await command.ExecuteScalarAsync(Cancel);
        return value is null or DBNull ? default : (T)value;
    }

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(replicas)) await host.DisposeAsync();
    }
}
