using DitCloud.Outcomes.V1;
using DitCloud.Referral.V1;
using DitCloud.Scheduling.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ReferralDelivery = DitCloud.Referral.V1.DeliveryMode;
using SchedulingDelivery = DitCloud.Scheduling.V1.DeliveryMode;

namespace DitCloud.SystemTests;

/// <summary>
/// One patient's journey through the running system, every call through the gateway and the
/// calls alternating between its two replicas: a partner refers, a clinician screens and accepts,
/// scheduling makes the course from the event, the practitioner books the first session and
/// records the assessment measures in outcomes, and the partner follows its referral to its
/// course and its outcome while another partner sees none of it.
/// </summary>
public sealed class PartnerJourneyTests(DitCloudSystem system)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_referral_becomes_a_course_whose_outcome_its_partner_reads_and_no_other_partner_sees()
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

        // The practitioner (signed in under their practitioner id) books the first session for tomorrow
        // morning and records the patient's measures at assessment, before treatment starts.
        //
        // Why not a session attended today: scheduling books only future appointments inside one
        // day's availability (a 50-minute session cannot start after 23:09 London) and records
        // attendance only once a session has begun, so a session held now cannot be had at every
        // hour. Outcomes needs no attendance for assessment measures (only session measures belong to
        // an attended session): the course known from CourseCreated and its practitioner from
        // PractitionerAssigned. So the journey asserts the same things at any time on any day, and
        // the partner still reads a real outcome recorded through the gateway.
        var clinician = await system.ClinicianTokenAsync(practitioner.PractitionerId, "clinician");
        await SchedulingApi().SetWeeklyAvailabilityAsync(new SetWeeklyAvailabilityRequest
        {
            PractitionerId = practitioner.PractitionerId,
            Windows = { EveryDay.Select(day => new AvailabilityWindow { Weekday = day, StartTime = "09:00", EndTime = "17:00" }) },
        }, clinician, cancellationToken: Ct);
        var firstSession = TomorrowAtTenInLondon();
        var booked = (await SchedulingApi().BookAppointmentAsync(new BookAppointmentRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            CourseId = course.CourseId,
            PractitionerId = practitioner.PractitionerId,
            StartTime = Timestamp.FromDateTimeOffset(firstSession),
            SessionNumber = 1,
        }, clinician, cancellationToken: Ct)).Appointment;
        booked.SessionNumber.ShouldBe(1);

        // Outcomes learns of the course and its practitioner from scheduling's events.
        var measures = new RecordMeasuresRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            CourseId = course.CourseId,
            Occasion = MeasurementOccasion.Assessment,
            MeasureTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-1)),
            Phq9 = new Phq9 { Items = { 2, 2, 2, 2, 2, 2, 1, 1, 0 } },
            Gad7 = new Gad7 { Items = { 1, 1, 1, 1, 1, 1, 1 } },
        };
        var recorded = (await Eventually.SucceedsAsync(() => OutcomesApi().RecordMeasuresAsync(measures, clinician, cancellationToken: Ct).ResponseAsync,
            whileStatus: [StatusCode.NotFound, StatusCode.PermissionDenied])).MeasureSet;
        recorded.Scores.Phq9Total.ShouldBe(14);
        recorded.Scores.Gad7Total.ShouldBe(7);

        // The partner follows its referral to its course and the first session booked...
        var seenByPartner = (await SchedulingApi().GetCourseAsync(new GetCourseRequest { ReferralId = referralId }, partnerA, cancellationToken: Ct)).Course;
        seenByPartner.Status.ShouldBe(CourseStatus.AwaitingFirstSession);
        var sessionOne = seenByPartner.Sessions.First();
        (sessionOne.SessionNumber, sessionOne.Status, sessionOne.AppointmentId).ShouldBe((1, SessionStatus.Booked, booked.AppointmentId));
        sessionOne.StartTime.ToDateTimeOffset().ShouldBe(firstSession);

        // ...and to its outcome so far, as the practitioner sees it: the referrer is told the outcome.
        var outcome = (await OutcomesApi().GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = course.CourseId }, clinician, cancellationToken: Ct)).Outcome;
        outcome.MeasureCount.ShouldBe(1);
        outcome.First.Phq9Total.ShouldBe(14);
        outcome.PractitionerId.ShouldBe(practitioner.PractitionerId);
        // Outcomes learns whose referral it was from CourseCreated, which may arrive after the events that let the practitioner record.
        var outcomeSeenByPartner = (await Eventually.SucceedsAsync(
            () => OutcomesApi().GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = course.CourseId }, partnerA, cancellationToken: Ct).ResponseAsync)).Outcome;
        outcomeSeenByPartner.ShouldBe(outcome);
        outcomeSeenByPartner.Status.ShouldBe(OutcomeStatus.Provisional);
        var trajectory = (await OutcomesApi().GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.CourseId }, partnerA, cancellationToken: Ct)).Points;
        var point = trajectory.ShouldHaveSingleItem();
        (point.Occasion, point.MeasureSetId, point.Scores.Phq9Total, point.Scores.Gad7Total).ShouldBe((MeasurementOccasion.Assessment, recorded.MeasureSetId, 14, 7));

        // The other partner sees neither the course nor its outcomes: outcomes answers as for a course that does not exist.
        (await Should.ThrowAsync<RpcException>(async () => await SchedulingApi().GetCourseAsync(new GetCourseRequest { ReferralId = referralId }, partnerB, cancellationToken: Ct)))
            .StatusCode.ShouldBeOneOf(StatusCode.NotFound, StatusCode.PermissionDenied);
        (await Should.ThrowAsync<RpcException>(async () => await OutcomesApi().GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = course.CourseId }, partnerB, cancellationToken: Ct)))
            .StatusCode.ShouldBe(StatusCode.NotFound);
        (await Should.ThrowAsync<RpcException>(async () => await OutcomesApi().GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.CourseId }, partnerB, cancellationToken: Ct)))
            .StatusCode.ShouldBe(StatusCode.NotFound);
    }

    private static readonly Weekday[] EveryDay =
        [Weekday.Monday, Weekday.Tuesday, Weekday.Wednesday, Weekday.Thursday, Weekday.Friday, Weekday.Saturday, Weekday.Sunday];

    /// <summary>10:00 tomorrow in the clinic's time zone (where availability windows are read): inside the 09:00-17:00 window whatever the season.</summary>
    private static DateTimeOffset TomorrowAtTenInLondon()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, london).Date.AddDays(1).AddHours(10);
        return new DateTimeOffset(tomorrow, london.GetUtcOffset(tomorrow));
    }
}
