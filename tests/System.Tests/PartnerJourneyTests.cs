using DitCloud.Outcomes.V1;
using DitCloud.Referral.V1;
using DitCloud.Scheduling.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ReferralDelivery = DitCloud.Referral.V1.DeliveryMode;
using SchedulingDelivery = DitCloud.Scheduling.V1.DeliveryMode;

namespace DitCloud.SystemTests;

/// <summary>
/// One patient's whole journey through the running system, every call through the gateway and the
/// calls alternating between its two replicas: a partner refers, a clinician screens and accepts,
/// scheduling makes the course from the event, a practitioner sees the patient, the session's
/// measures are recorded in outcomes, and the partner follows its referral to its course while
/// another partner sees none of it.
/// </summary>
public sealed class PartnerJourneyTests(DitCloudSystem system)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_referral_becomes_a_course_with_an_attended_session_and_its_measures_seen_only_by_those_entitled()
    {
        var partnerA = await system.PartnerTokenAsync(system.PartnerA, gateway: 0);
        var partnerB = await system.PartnerTokenAsync(system.PartnerB, gateway: 1);
        var screener = await system.ClinicianTokenAsync("journey-screener", "clinician");
        var admin = await system.ClinicianTokenAsync("journey-admin", "admin");
        var call = 0;
        ReferralService.ReferralServiceClient ReferralApi() => new(system.Gateway(call++));
        SchedulingService.SchedulingServiceClient SchedulingApi() => new(system.Gateway(call++));
        OutcomesService.OutcomesServiceClient OutcomesApi() => new(system.Gateway(call++));

        // Face to face, which no other test asks for: the practitioner registered below takes this patient, not another test's.
        var submitted = (await ReferralApi().SubmitReferralAsync(Referrals.Submission(mode: ReferralDelivery.FaceToFace), partnerA, cancellationToken: Ct)).Referral;
        submitted.PartnerId.ShouldBe(system.PartnerA.ClientId);
        var referralId = submitted.ReferralId;
        (await ReferralApi().GetReferralAsync(new GetReferralRequest { ReferralId = referralId }, partnerA, cancellationToken: Ct)).Referral.Status.ShouldBe(ReferralStatus.Received);
        (await Should.ThrowAsync<RpcException>(async () => await ReferralApi().GetReferralAsync(new GetReferralRequest { ReferralId = referralId }, partnerB, cancellationToken: Ct)))
            .StatusCode.ShouldBe(StatusCode.NotFound);

        await Referrals.ScreenAndAcceptAsync(system, referralId, screener, call++);
        (await ReferralApi().GetReferralAsync(new GetReferralRequest { ReferralId = referralId }, partnerA, cancellationToken: Ct)).Referral.Status.ShouldBe(ReferralStatus.Accepted);

        // Scheduling makes the course from ReferralAccepted; with no face-to-face practitioner yet the patient waits.
        var course = (await Eventually.SucceedsAsync(() => SchedulingApi().GetCourseAsync(new GetCourseRequest { ReferralId = referralId }, partnerA, cancellationToken: Ct).ResponseAsync)).Course;
        course.ReferralId.ShouldBe(referralId);
        course.PatientReference.ShouldBe(submitted.PatientReference);
        course.Status.ShouldBe(CourseStatus.AwaitingFirstSession);

        var practitioner = (await SchedulingApi().RegisterPractitionerAsync(new RegisterPractitionerRequest
        {
            DisplayName = "Journey Practitioner",
            RegistrationNumber = $"BPC-{Guid.NewGuid():N}"[..16],
            Role = PractitionerRole.Qualified,
            DeliveryModes = { SchedulingDelivery.FaceToFace },
            MaxCaseload = 1,
            PsychodynamicBackground = true,
            SupervisedPsychodynamicHours = 200,
        }, admin, cancellationToken: Ct)).Practitioner;
        course = (await Eventually.HoldsAsync(
            () => SchedulingApi().GetCourseAsync(new GetCourseRequest { CourseId = course.CourseId }, partnerA, cancellationToken: Ct).ResponseAsync,
            r => r.Course.PractitionerId == practitioner.PractitionerId, "the waiting patient to be assigned the new practitioner")).Course;

        // The practitioner (signed in under their practitioner id) opens today and sees the patient in a few seconds' time.
        var clinician = await system.ClinicianTokenAsync(practitioner.PractitionerId, "clinician");
        var (today, weekday) = ClinicToday();
        await SchedulingApi().SetWeeklyAvailabilityAsync(new SetWeeklyAvailabilityRequest
        {
            PractitionerId = practitioner.PractitionerId,
            Windows = { new AvailabilityWindow { Weekday = weekday, StartTime = "00:00", EndTime = "23:59" } },
            EffectiveDate = today,
        }, clinician, cancellationToken: Ct);
        var start = DateTimeOffset.UtcNow.AddSeconds(8);
        var booked = (await SchedulingApi().BookAppointmentAsync(new BookAppointmentRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            CourseId = course.CourseId,
            PractitionerId = practitioner.PractitionerId,
            StartTime = Timestamp.FromDateTimeOffset(start),
            SessionNumber = 1,
        }, clinician, cancellationToken: Ct)).Appointment;
        booked.SessionNumber.ShouldBe(1);

        // Attendance is recorded once the session has begun (the real clock: no way to hurry it).
        await Task.Delay(start - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1), Ct);
        var attended = await SchedulingApi().RecordAttendanceAsync(new RecordAttendanceRequest { AppointmentId = booked.AppointmentId, AttendanceCode = AttendanceCode.Attended }, clinician, cancellationToken: Ct);
        attended.Course.SessionsAttended.ShouldBe(1);

        // Outcomes learns of the course, its practitioner and the attended session from scheduling's events.
        var measures = new RecordMeasuresRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            CourseId = course.CourseId,
            Occasion = MeasurementOccasion.Session,
            SessionNumber = 1,
            MeasureTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-1)),
            Phq9 = new Phq9 { Items = { 2, 2, 2, 2, 2, 2, 1, 1, 0 } },
            Gad7 = new Gad7 { Items = { 1, 1, 1, 1, 1, 1, 1 } },
        };
        var recorded = (await Eventually.SucceedsAsync(() => OutcomesApi().RecordMeasuresAsync(measures, clinician, cancellationToken: Ct).ResponseAsync,
            whileStatus: [StatusCode.NotFound, StatusCode.FailedPrecondition, StatusCode.PermissionDenied])).MeasureSet;
        recorded.Scores.Phq9Total.ShouldBe(14);
        recorded.Scores.Gad7Total.ShouldBe(7);

        // The partner follows its referral to its course and the session held...
        var seenByPartner = (await SchedulingApi().GetCourseAsync(new GetCourseRequest { ReferralId = referralId }, partnerA, cancellationToken: Ct)).Course;
        seenByPartner.Status.ShouldBe(CourseStatus.InProgress);
        seenByPartner.SessionsAttended.ShouldBe(1);
        // ...while outcomes are the care team's: the practitioner reads them, partners never do (outcomes' access rule).
        var outcome = (await OutcomesApi().GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = course.CourseId }, clinician, cancellationToken: Ct)).Outcome;
        outcome.MeasureCount.ShouldBe(1);
        outcome.First.Phq9Total.ShouldBe(14);
        outcome.PractitionerId.ShouldBe(practitioner.PractitionerId);
        (await OutcomesApi().GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.CourseId }, clinician, cancellationToken: Ct)).Points.Single().SessionNumber.ShouldBe(1);
        (await Should.ThrowAsync<RpcException>(async () => await OutcomesApi().GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = course.CourseId }, partnerA, cancellationToken: Ct)))
            .StatusCode.ShouldBe(StatusCode.PermissionDenied);

        // The other partner sees neither the course nor its outcomes.
        (await Should.ThrowAsync<RpcException>(async () => await SchedulingApi().GetCourseAsync(new GetCourseRequest { ReferralId = referralId }, partnerB, cancellationToken: Ct)))
            .StatusCode.ShouldBeOneOf(StatusCode.NotFound, StatusCode.PermissionDenied);
        (await Should.ThrowAsync<RpcException>(async () => await OutcomesApi().GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.CourseId }, partnerB, cancellationToken: Ct)))
            .StatusCode.ShouldBeOneOf(StatusCode.NotFound, StatusCode.PermissionDenied);
    }

    /// <summary>Today's date and weekday in the clinic's time zone, where availability windows are read.</summary>
    private static (string Date, Weekday Weekday) ClinicToday()
    {
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        // The appointment must end on the day it starts: the window closes at 23:59.
        if (now.TimeOfDay > new TimeSpan(23, 8, 0))
        {
            throw new InvalidOperationException("The journey books a 50-minute session starting now; after 23:08 in London it would run past midnight. Run it again after midnight.");
        }
        var weekday = now.DayOfWeek == DayOfWeek.Sunday ? Weekday.Sunday : (Weekday)(int)now.DayOfWeek;
        return (now.ToString("yyyy-MM-dd"), weekday);
    }
}
