using DitCloud.Outcomes.V1;
using DitCloud.Referral.V1;
using DitCloud.Scheduling.V1;
using DitCloud.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using AttendanceCode = DitCloud.Scheduling.V1.AttendanceCode;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace DitCloud.Gateway.Journey.Tests;

/// <summary>
/// Partner systems and clinicians through the gateway to the real referral, scheduling and outcomes
/// services (.NET gRPC clients): a token from the token endpoint, a referral submitted and its
/// status read, another partner kept out of it, a clinician's screening and acceptance, the course
/// scheduling makes from the accepted referral with the practitioner it assigns, a session booked
/// and attended, measures recorded for it, and the course's outcome read by its practitioner and
/// by the referring partner, never by another partner. Each service verifies every token again.
/// </summary>
public sealed class PartnerJourneyTests(TestServers servers) : IAsyncLifetime
{
    private JourneySystem _system = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _system = await JourneySystem.StartAsync(servers);

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_partner_follows_its_referral_to_its_course_and_outcome_and_another_partner_sees_none_of_it()
    {
        var practitionerId = await _system.RegisterPractitionerAsync();
        var referrals = new ReferralService.ReferralServiceClient(_system.Gateway.Channel);
        var scheduling = new SchedulingService.SchedulingServiceClient(_system.Gateway.Channel);
        var outcomes = new OutcomesService.OutcomesServiceClient(_system.Gateway.Channel);
        var asA = TestTokens.Headers(await _system.PartnerTokenAsync("gp-system-a"));
        var asB = TestTokens.Headers(await _system.PartnerTokenAsync("gp-system-b"));

        var submitted = (await referrals.SubmitReferralAsync(Submission(), asA, cancellationToken: Ct)).Referral;
        submitted.PartnerId.ShouldBe("gp-system-a");
        submitted.PatientReference.ShouldNotBeNullOrEmpty();

        var read = (await referrals.GetReferralAsync(new GetReferralRequest { ReferralId = submitted.ReferralId }, asA, cancellationToken: Ct)).Referral;
        read.Status.ShouldBe(ReferralStatus.Received);

        var hidden = await Should.ThrowAsync<RpcException>(async () =>
            await referrals.GetReferralAsync(new GetReferralRequest { ReferralId = submitted.ReferralId }, asB, cancellationToken: Ct));
        hidden.StatusCode.ShouldBe(StatusCode.NotFound);

        var forbidden = await Should.ThrowAsync<RpcException>(async () => await referrals.ScreenReferralAsync(
            new ScreenReferralRequest { ReferralId = submitted.ReferralId, Decision = new ScreeningDecision { Outcome = ScreeningOutcome.Suitable } }, asA, cancellationToken: Ct));
        forbidden.StatusCode.ShouldBe(StatusCode.PermissionDenied);

        // The course's practitioner signs in with their practitioner id as user id: that is how
        // scheduling and outcomes know the course is theirs.
        var asClinician = TestTokens.Headers(await _system.SignInAsync(practitionerId, "clinician"));
        var screened = (await referrals.ScreenReferralAsync(
            new ScreenReferralRequest { ReferralId = submitted.ReferralId, Etag = read.Etag, Decision = new ScreeningDecision { Outcome = ScreeningOutcome.Suitable } },
            asClinician, cancellationToken: Ct)).Referral;
        screened.Status.ShouldNotBe(ReferralStatus.Received);

        (await referrals.GetReferralAsync(new GetReferralRequest { ReferralId = submitted.ReferralId }, asA, cancellationToken: Ct)).Referral.Status.ShouldBe(screened.Status);

        await referrals.AcceptReferralAsync(new AcceptReferralRequest { ReferralId = submitted.ReferralId }, asClinician, cancellationToken: Ct);
        var course = (await JourneySystem.EventuallyAsync(
            () => scheduling.GetCourseAsync(new GetCourseRequest { ReferralId = submitted.ReferralId }, asA, cancellationToken: Ct).ResponseAsync,
            "the course of the accepted referral")).Course;
        course.PractitionerId.ShouldBe(practitionerId, "the only practitioner, free, takes the course at once");
        course.Status.ShouldBe(CourseStatus.AwaitingFirstSession);

        var othersCourse = await Should.ThrowAsync<RpcException>(async () =>
            await scheduling.GetCourseAsync(new GetCourseRequest { ReferralId = submitted.ReferralId }, asB, cancellationToken: Ct));
        othersCourse.StatusCode.ShouldBeOneOf(StatusCode.NotFound, StatusCode.PermissionDenied);

        // The practitioner books the first free slot, sees the patient, and records the attendance.
        var now = _system.ClinicClock.GetUtcNow();
        var slot = (await scheduling.FindSlotsAsync(new FindSlotsRequest
        {
            CourseId = course.CourseId,
            EarliestStart = Timestamp.FromDateTimeOffset(now.AddHours(1)),
            LatestStart = Timestamp.FromDateTimeOffset(now.AddDays(7)),
            MaxResults = 1,
        }, asClinician, cancellationToken: Ct)).Slots.ShouldHaveSingleItem();
        var appointment = (await scheduling.BookAppointmentAsync(new BookAppointmentRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            CourseId = course.CourseId,
            PractitionerId = practitionerId,
            StartTime = slot.StartTime,
        }, asClinician, cancellationToken: Ct)).Appointment;
        appointment.SessionNumber.ShouldBe(1);

        _system.SessionHasStarted(appointment.StartTime.ToDateTimeOffset());
        var attended = await scheduling.RecordAttendanceAsync(
            new RecordAttendanceRequest { AppointmentId = appointment.AppointmentId, AttendanceCode = AttendanceCode.Attended }, asClinician, cancellationToken: Ct);
        attended.Course.Status.ShouldBe(CourseStatus.InProgress);

        // Outcomes takes the session from scheduling's SessionAttended event: until it has, the
        // measures are refused (FAILED_PRECONDITION), and the same request_id is sent again.
        var measures = new RecordMeasuresRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            CourseId = course.CourseId,
            Occasion = MeasurementOccasion.Session,
            SessionNumber = 1,
            MeasureTime = Timestamp.FromDateTimeOffset(appointment.StartTime.ToDateTimeOffset().AddMinutes(45)),
            Phq9 = new Phq9 { Items = { 2, 2, 2, 2, 2, 2, 2, 2, 0 } },  // 16: moderately severe, at caseness
            Gad7 = new Gad7 { Items = { 2, 2, 2, 2, 1, 1, 0 } },        // 10: moderate, at caseness
        };
        var recorded = await JourneySystem.EventuallyAsync(
            () => outcomes.RecordMeasuresAsync(measures, asClinician, cancellationToken: Ct).ResponseAsync, "outcomes to know the attended session");
        recorded.MeasureSet.Scores.Phq9Total.ShouldBe(16);
        recorded.MeasureSet.Scores.Caseness.ShouldBeTrue();
        recorded.RiskFlags.ShouldBeEmpty();

        var outcome = (await outcomes.GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = course.CourseId }, asClinician, cancellationToken: Ct)).Outcome;
        outcome.Status.ShouldBe(OutcomeStatus.Provisional);
        outcome.MeasureCount.ShouldBe(1);
        (outcome.First.Phq9Total, outcome.First.Gad7Total).ShouldBe((16, 10));
        outcome.PractitionerId.ShouldBe(practitionerId);
        var trajectory = (await outcomes.GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.CourseId }, asClinician, cancellationToken: Ct)).Points;
        trajectory.ShouldHaveSingleItem().SessionNumber.ShouldBe(1);

        // The referring partner reads the course's outcome and trajectory (outcomes.read); another
        // partner learns nothing, not even that the course exists.
        var partnersView = (await outcomes.GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = course.CourseId }, asA, cancellationToken: Ct)).Outcome;
        (partnersView.Status, partnersView.MeasureCount, partnersView.First.Phq9Total).ShouldBe((OutcomeStatus.Provisional, 1, 16));
        (await outcomes.GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.CourseId }, asA, cancellationToken: Ct)).Points
            .ShouldHaveSingleItem().Scores.Phq9Total.ShouldBe(16);
        var othersOutcome = await Should.ThrowAsync<RpcException>(async () =>
            await outcomes.GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = course.CourseId }, asB, cancellationToken: Ct));
        othersOutcome.StatusCode.ShouldBe(StatusCode.NotFound);
        var othersTrajectory = await Should.ThrowAsync<RpcException>(async () =>
            await outcomes.GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.CourseId }, asB, cancellationToken: Ct));
        othersTrajectory.StatusCode.ShouldBe(StatusCode.NotFound);
    }

    private static SubmitReferralRequest Submission() => new()
    {
        PartnerReferralId = $"EMIS-{Guid.NewGuid():N}"[..30],
        Ubrn = "0000 1111 2222",
        ReferringOdsCode = "A81001",
        Patient = new Patient
        {
            NhsNumber = "9434765919",
            GivenName = "Test",
            FamilyName = "Patient",
            DateOfBirth = "1988-07-14",
            Postcode = "LS1 4AP",
            Contact = new ContactPreferences { PreferredMethod = ContactMethod.Telephone, Telephone = "07700 900456", MayLeaveMessages = true },
        },
        PresentingProblems = { PresentingProblem.Depression },
        ReasonForReferral = "Low mood since a relationship ended",
        Phq9Total = 16,
        Gad7Total = 9,
        Risk = new RiskInformation { Level = RiskLevel.Low },
        Consent = new Consent { ToTreatment = true, ToContact = true },
        PreferredDeliveryMode = DitCloud.Referral.V1.DeliveryMode.Video,
    };
}
