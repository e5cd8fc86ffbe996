using DitCloud.Scheduling.V1;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static DitCloud.Scheduling.Api.Tests.SchedulingService;
using AttendanceCode = DitCloud.Scheduling.V1.AttendanceCode;

namespace DitCloud.Scheduling.Api.Tests;

/// <summary>WatchDiary: a snapshot, then live changes made through any replica (Redis pub/sub).</summary>
public sealed class DiaryTests(SchedulingBroker broker) : IClassFixture<SchedulingBroker>
{
    [Fact]
    public async Task A_watcher_sees_the_snapshot_then_changes_made_through_another_instance()
    {
        await using var service = await StartAsync(broker);
        var other = await service.StartReplicaAsync();
        var practitioner = await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var existing = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 9));
        using var watch = service.Client(ClinicianToken(practitioner.PractitionerId)).WatchDiary(new WatchDiaryRequest
        {
            PractitionerId = practitioner.PractitionerId,
            IncludeSnapshot = true,
            WindowEnd = Timestamp.FromDateTimeOffset(service.Clock.GetUtcNow().AddDays(60)),
        }, cancellationToken: Cancel);
        var entries = watch.ResponseStream;

        var snapshot = await NextAsync(entries);
        (snapshot.ChangeType, snapshot.Appointment.AppointmentId).ShouldBe((DiaryChangeType.Snapshot, existing.AppointmentId));
        (await NextAsync(entries)).ChangeType.ShouldBe(DiaryChangeType.SnapshotComplete);

        var elsewhere = service.Client(AdminToken(), other);
        var booked = await service.BookAsync(course, service.Next(DayOfWeek.Tuesday, 9), client: elsewhere);
        var bookedEntry = await NextAsync(entries);
        (bookedEntry.ChangeType, bookedEntry.Appointment.AppointmentId, bookedEntry.Appointment.Status)
            .ShouldBe((DiaryChangeType.Booked, booked.AppointmentId, AppointmentStatus.Booked));

        await elsewhere.CancelAppointmentAsync(new CancelAppointmentRequest
        {
            AppointmentId = existing.AppointmentId,
            CancellationCode = AttendanceCode.CancelledByPatient,
            Reason = ChangeReason.PatientRequest,
        }, cancellationToken: Cancel);
        var cancelledEntry = await NextAsync(entries);
        (cancelledEntry.ChangeType, cancelledEntry.Appointment.AppointmentId, cancelledEntry.Appointment.Status)
            .ShouldBe((DiaryChangeType.Cancelled, existing.AppointmentId, AppointmentStatus.Cancelled));
        (await service.ScalarAsync<long>("SELECT count(*) FROM audit_records WHERE detail LIKE 'WatchDiary%' AND actor_id = $1", practitioner.PractitionerId))
            .ShouldBe(3, "the snapshot and each change seen are audited");
    }

    [Fact]
    public async Task A_move_to_another_practitioner_reaches_both_diaries_and_changes_outside_the_window_do_not()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync();
        var colleague = await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        course.PractitionerId.ShouldBe(practitioner.PractitionerId, "both are equal; the lower id wins a tie");
        var windowStart = service.Next(DayOfWeek.Monday, 0);
        var request = new WatchDiaryRequest { WindowStart = Timestamp.FromDateTimeOffset(windowStart), WindowEnd = Timestamp.FromDateTimeOffset(windowStart.AddDays(7)) };
        using var mine = service.Admin.WatchDiary(request.With(r => r.PractitionerId = practitioner.PractitionerId), cancellationToken: Cancel);
        using var theirs = service.Admin.WatchDiary(request.With(r => r.PractitionerId = colleague.PractitionerId), cancellationToken: Cancel);
        await Task.Delay(300, Cancel); // both streams subscribed

        await service.BookAsync(course, windowStart.AddDays(14).AddHours(10)); // outside the window
        var booked = await service.BookAsync(course, windowStart.AddHours(10));
        var first = await NextAsync(mine.ResponseStream);
        (first.ChangeType, first.Appointment.AppointmentId).ShouldBe((DiaryChangeType.Booked, booked.AppointmentId));

        await service.Admin.RescheduleAppointmentAsync(new RescheduleAppointmentRequest
        {
            AppointmentId = booked.AppointmentId,
            StartTime = Timestamp.FromDateTimeOffset(windowStart.AddDays(1).AddHours(10)),
            PractitionerId = colleague.PractitionerId,
            Reason = ChangeReason.PractitionerUnavailable,
        }, cancellationToken: Cancel);

        var left = await NextAsync(mine.ResponseStream);
        var arrived = await NextAsync(theirs.ResponseStream);
        (left.ChangeType, left.Appointment.PractitionerId).ShouldBe((DiaryChangeType.Rescheduled, colleague.PractitionerId));
        (arrived.ChangeType, arrived.Appointment.AppointmentId).ShouldBe((DiaryChangeType.Rescheduled, booked.AppointmentId));
    }

    [Fact]
    public async Task Only_the_practitioner_their_supervisor_and_administrators_may_watch_a_diary()
    {
        await using var service = await StartAsync(broker);
        var supervisor = await service.RegisterAsync();
        var trainee = await service.RegisterAsync(PractitionerRole.Trainee, supervisor.PractitionerId);
        var request = new WatchDiaryRequest { PractitionerId = trainee.PractitionerId, IncludeSnapshot = true };

        using (var bySupervisor = service.Client(ClinicianToken(supervisor.PractitionerId)).WatchDiary(request, cancellationToken: Cancel))
        {
            (await NextAsync(bySupervisor.ResponseStream)).ChangeType.ShouldBe(DiaryChangeType.SnapshotComplete);
        }

        var partner = service.Client(TestTokens.Partner("partner-a", "RX1", Scopes.SchedulingRead));
        using var byPartner = partner.WatchDiary(request, cancellationToken: Cancel);
        var refused = await Should.ThrowAsync<RpcException>(byPartner.ResponseStream.MoveNext(Cancel));
        refused.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        refused.Status.Detail.ShouldStartWith("the caller may not see this practitioner's diary");
    }

    [Fact]
    public async Task A_practitioners_diary_is_listed_for_a_range_one_page_at_a_time()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var monday = service.Next(DayOfWeek.Monday, 9);
        var booked = new List<Appointment>();
        foreach (var hour in new[] { 9, 11, 13, 15 }) booked.Add(await service.BookAsync(course, monday.AddHours(hour - 9)));
        await service.BookAsync(course, monday.AddDays(7));
        await service.Admin.CancelAppointmentAsync(new CancelAppointmentRequest
        {
            AppointmentId = booked[1].AppointmentId,
            CancellationCode = AttendanceCode.CancelledByProvider,
            Reason = ChangeReason.ServiceIssue,
        }, cancellationToken: Cancel);
        var request = new ListAppointmentsRequest
        {
            PractitionerId = practitioner.PractitionerId,
            StartAfter = Timestamp.FromDateTimeOffset(monday),
            StartBefore = Timestamp.FromDateTimeOffset(monday.AddDays(1)),
            PageSize = 2,
        };
        var diary = service.Client(ClinicianToken(practitioner.PractitionerId));

        var first = await diary.ListAppointmentsAsync(request, cancellationToken: Cancel);
        var second = await diary.ListAppointmentsAsync(request.With(r => r.PageToken = first.NextPageToken), cancellationToken: Cancel);
        var booking = await diary.ListAppointmentsAsync(request.With(r => { r.PageSize = 0; r.Statuses.Add(AppointmentStatus.Booked); }), cancellationToken: Cancel);

        first.Appointments.Concat(second.Appointments).Select(a => a.AppointmentId).ShouldBe(booked.Select(a => a.AppointmentId));
        second.NextPageToken.ShouldBeEmpty();
        booking.Appointments.Select(a => a.AppointmentId).ShouldBe([booked[0].AppointmentId, booked[2].AppointmentId, booked[3].AppointmentId]);
        (await service.Client(ClinicianToken(Guid.NewGuid().ToString())).ListAppointmentsAsync(request, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied))
            .Status.Detail.ShouldStartWith("the caller may not see this practitioner's diary");
        await diary.ListAppointmentsAsync(new ListAppointmentsRequest(), cancellationToken: Cancel).RefusesField("practitioner_id", "give practitioner_id or course_id");
    }

    private static async Task<WatchDiaryResponse> NextAsync(IAsyncStreamReader<WatchDiaryResponse> entries)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        (await entries.MoveNext(timeout.Token)).ShouldBeTrue("the stream ended");
        return entries.Current;
    }
}
