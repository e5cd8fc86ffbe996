using DitCloud.Scheduling.V1;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using Grpc.Core;
using Npgsql;
using static DitCloud.Scheduling.Api.Tests.SchedulingService;

namespace DitCloud.Scheduling.Api.Tests;

/// <summary>Who may read a course, and the audit trail every read and change of patient data leaves.</summary>
public sealed class AccessAndAuditTests(SchedulingBroker broker) : IClassFixture<SchedulingBroker>
{
    [Fact]
    public async Task A_partner_reads_the_courses_of_its_own_referrals_only()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var ours = await service.AcceptReferralAsync(service.Accepted(partner: "partner-a"));
        var theirs = await service.AcceptReferralAsync(service.Accepted(partner: "partner-b"));
        var partnerA = service.Client(TestTokens.Partner("partner-a", "RX1", Scopes.SchedulingRead));

        (await partnerA.GetCourseAsync(new GetCourseRequest { CourseId = ours.CourseId }, cancellationToken: Cancel)).Course.CourseId.ShouldBe(ours.CourseId);
        (await partnerA.GetCourseAsync(new GetCourseRequest { CourseId = theirs.CourseId }, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied))
            .Status.Detail.ShouldStartWith("the caller may not see this course");
        await partnerA.ListAppointmentsAsync(new ListAppointmentsRequest { CourseId = theirs.CourseId }, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied);
        (await service.ScalarAsync<string>(
            "SELECT string_agg(actor_kind || ':' || actor_id || ' ' || detail, ' | ' ORDER BY id) FROM audit_records WHERE resource_id = $1 AND detail LIKE '%refused'",
            theirs.CourseId)).ShouldBe("partner:partner-a GetCourse refused | partner:partner-a ListAppointments refused", "refused attempts are audited too");
        await partnerA.GetCourseAsync(new GetCourseRequest(), cancellationToken: Cancel).RefusesField("course_id", "give course_id or referral_id");
    }

    [Fact]
    public async Task A_clinician_sees_the_courses_they_treat_and_no_others()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync(maxCaseload: 1);
        var colleague = await service.RegisterAsync(maxCaseload: 1);
        var mine = await service.AcceptReferralAsync();
        var notMine = await service.AcceptReferralAsync();
        var ownerToken = ClinicianToken(mine.PractitionerId);

        (await service.Client(ownerToken).GetCourseAsync(new GetCourseRequest { CourseId = mine.CourseId }, cancellationToken: Cancel)).Course.CourseId.ShouldBe(mine.CourseId);
        await service.Client(ownerToken).GetCourseAsync(new GetCourseRequest { CourseId = notMine.CourseId }, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied);
        new[] { mine.PractitionerId, notMine.PractitionerId }.ShouldBe([practitioner.PractitionerId, colleague.PractitionerId], ignoreOrder: true);
    }

    [Fact]
    public async Task Reads_and_changes_of_patient_data_leave_audit_records_that_cannot_be_altered()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var booked = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 10));
        await service.GetCourseAsync(course.CourseId);
        await service.Admin.ListAppointmentsAsync(new ListAppointmentsRequest { CourseId = course.CourseId }, cancellationToken: Cancel);

        var patient = Guid.Parse(course.PatientReference);
        (await service.ScalarAsync<string>(
            "SELECT string_agg(action || ' ' || resource_type || ' ' || detail || ' by ' || actor_kind, ' | ' ORDER BY id) FROM audit_records WHERE patient_reference = $1", patient))
            .ShouldBe(
                "Create course referral accepted by service | Change course practitioner assigned by service | " +
                "Read course GetCourse by clinician | Create appointment BookAppointment by clinician | " +
                "Read course GetCourse by clinician | List course ListAppointments by clinician");
        await using var connection = new NpgsqlConnection(service.Database);
        await connection.OpenAsync(Cancel);
        await using var tamper = new NpgsqlCommand("UPDATE audit_records SET actor_id = 'someone-else'", connection);
        (await Should.ThrowAsync<PostgresException>(tamper.ExecuteNonQueryAsync(Cancel))).MessageText.ShouldContain("append-only");
        await using var rewrite = new NpgsqlCommand("DELETE FROM appointment_changes", connection);
        (await Should.ThrowAsync<PostgresException>(rewrite.ExecuteNonQueryAsync(Cancel))).MessageText.ShouldContain("append-only");
        booked.Status.ShouldBe(AppointmentStatus.Booked);
    }

    [Fact]
    public async Task Bad_settings_stop_the_service_at_start_naming_the_setting()
    {
        var app = SchedulingApp.Build([], new Dictionary<string, string?>(TestTokens.AuthSettings)
        {
            ["ConnectionStrings:schedulingdb"] = "Host=127.0.0.1;Port=1;Database=none",
            ["ConnectionStrings:bus"] = "amqp://guest:guest@127.0.0.1:1/",
            ["ConnectionStrings:cache"] = "127.0.0.1:1",
            ["Scheduling:MiddlePhaseLastSession"] = "20",
            ["Scheduling:MissedSessionsForReview"] = "0",
        });

        var failure = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(app.StartAsync(Cancel));
        failure.Message.ShouldContain("Setting 'Scheduling:MiddlePhaseLastSession' is missing or invalid");
        failure.Message.ShouldContain("Setting 'Scheduling:MissedSessionsForReview' is missing or invalid: must be between 1 and 16");
        await app.DisposeAsync();
    }
}
