using DitCloud.Scheduling.Api.Booking;
using DitCloud.Scheduling.Api.Courses;
using DitCloud.Scheduling.Api.Diary;
using DitCloud.Scheduling.Api.Grpc.Validators;
using DitCloud.Scheduling.Api.Practitioners;
using DitCloud.Scheduling.V1;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.ServiceDefaults.Redis;
using DitCloud.ServiceDefaults;
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
        builder.AddRedisConnection("cache");

        builder.Services.AddScoped<CourseStore>();
        builder.Services.AddScoped<PractitionerDirectory>();
        builder.Services.AddScoped<SlotSearch>();
        builder.Services.AddScoped<FirstOffers>();
        builder.Services.AddScoped<WaitingListAllocator>();
        builder.Services.AddScoped<CourseScheduling>();
        builder.Services.AddScoped<CourseIntake>();
        builder.Services.AddSingleton<SlotHolds>();
        builder.Services.AddSingleton<SchedulingMetrics>();
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
}
