using DitCloud.Scheduling.V1;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using Grpc.Core;
using static DitCloud.Scheduling.Api.Tests.SchedulingService;

namespace DitCloud.Scheduling.Api.Tests;

/// <summary>Practitioners, supervision and availability through the API, with every refusal's status and message.</summary>
public sealed class PractitionerTests(SchedulingBroker broker) : IClassFixture<SchedulingBroker>
{
    private static RegisterPractitionerRequest Registration(PractitionerRole role = PractitionerRole.Qualified, string supervisor = "") => new()
    {
        DisplayName = "Dr A Example",
        RegistrationNumber = $"BPC-{Guid.NewGuid():N}"[..20],
        Role = role,
        SupervisorPractitionerId = supervisor,
        PsychodynamicBackground = true,
        SupervisedPsychodynamicHours = 400,
        DeliveryModes = { DeliveryMode.Video },
    };

    [Fact]
    public async Task Registration_keeps_what_was_given_and_applies_the_default_caseload()
    {
        await using var service = await StartAsync(broker);
        var supervisor = await service.RegisterAsync(PractitionerRole.Supervisor);

        var trainee = (await service.Admin.RegisterPractitionerAsync(Registration(PractitionerRole.Trainee, supervisor.PractitionerId), cancellationToken: Cancel)).Practitioner;

        trainee.Role.ShouldBe(PractitionerRole.Trainee);
        trainee.SupervisorPractitionerId.ShouldBe(supervisor.PractitionerId);
        trainee.MaxCaseload.ShouldBe(20);
        trainee.Active.ShouldBeTrue();
        trainee.SupervisedPsychodynamicHours.ShouldBe(400);
        trainee.DeliveryModes.ShouldBe([DeliveryMode.Video]);
        var supervised = await service.Admin.ListPractitionersAsync(new ListPractitionersRequest { SupervisorPractitionerId = supervisor.PractitionerId }, cancellationToken: Cancel);
        supervised.Practitioners.Select(p => p.PractitionerId).ShouldBe([trainee.PractitionerId]);
    }

    [Fact]
    public async Task A_trainee_needs_a_registered_qualified_supervisor()
    {
        await using var service = await StartAsync(broker);
        var otherTrainee = await service.RegisterAsync(PractitionerRole.Trainee, (await service.RegisterAsync()).PractitionerId);

        await service.Admin.RegisterPractitionerAsync(Registration(PractitionerRole.Trainee), cancellationToken: Cancel)
            .RefusesField("supervisor_practitioner_id", "a DIT trainee needs a named supervisor; give the id of an accredited DIT practitioner");
        (await service.Admin.RegisterPractitionerAsync(Registration(PractitionerRole.Trainee, Guid.NewGuid().ToString()), cancellationToken: Cancel)
            .FailsWith(StatusCode.NotFound)).Status.Detail.ShouldBe("no practitioner has this supervisor_practitioner_id");
        await service.Admin.RegisterPractitionerAsync(Registration(PractitionerRole.Trainee, otherTrainee.PractitionerId), cancellationToken: Cancel)
            .RefusesField("supervisor_practitioner_id", "a trainee's supervisor must be accredited");
        await service.Admin.RegisterPractitionerAsync(Registration(PractitionerRole.Qualified, otherTrainee.SupervisorPractitionerId), cancellationToken: Cancel)
            .RefusesField("supervisor_practitioner_id", "only a DIT trainee has a training supervisor");
    }

    [Fact]
    public async Task Bad_registrations_name_each_field_and_a_registration_number_is_unique()
    {
        await using var service = await StartAsync(broker);
        var request = Registration();
        await service.Admin.RegisterPractitionerAsync(request, cancellationToken: Cancel);

        (await service.Admin.RegisterPractitionerAsync(request, cancellationToken: Cancel).FailsWith(StatusCode.AlreadyExists))
            .Status.Detail.ShouldBe("a practitioner with this registration_number is already registered");
        await service.Admin.RegisterPractitionerAsync(Registration().With(r => r.DeliveryModes.Clear()), cancellationToken: Cancel)
            .RefusesField("delivery_modes", "offer at least one of video or face to face");
        await service.Admin.RegisterPractitionerAsync(Registration().With(r => r.DeliveryModes.Add(DeliveryMode.Unspecified)), cancellationToken: Cancel)
            .RefusesField("delivery_modes", "DIT is not offered by telephone");
        await service.Admin.RegisterPractitionerAsync(Registration().With(r => r.Role = PractitionerRole.Unspecified), cancellationToken: Cancel)
            .RefusesField("role", "UNSPECIFIED is not a value");
        await service.Admin.RegisterPractitionerAsync(Registration().With(r => r.MaxCaseload = 41), cancellationToken: Cancel)
            .RefusesField("max_caseload", "between 0 and 40");
        await service.Admin.RegisterPractitionerAsync(Registration().With(r => r.DisplayName = " "), cancellationToken: Cancel)
            .RefusesField("display_name", "is required");
    }

    [Fact]
    public async Task Overlapping_availability_is_refused_naming_the_window()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync(available: false, modes: [DeliveryMode.Video]);
        var request = new SetWeeklyAvailabilityRequest
        {
            PractitionerId = practitioner.PractitionerId,
            Windows =
            {
                new AvailabilityWindow { Weekday = Weekday.Monday, StartTime = "09:00", EndTime = "12:00" },
                new AvailabilityWindow { Weekday = Weekday.Monday, StartTime = "11:30", EndTime = "13:00" },
            },
        };

        await service.Admin.SetWeeklyAvailabilityAsync(request, cancellationToken: Cancel)
            .RefusesField("windows[1]", "overlaps windows[0] on the same day; merge them or move one");
        await service.Admin.SetWeeklyAvailabilityAsync(request.With(r => r.Windows[1].StartTime = "9am"), cancellationToken: Cancel)
            .RefusesField("windows[1].start_time", "must be a local time \"HH:MM\"");
        await service.Admin.SetWeeklyAvailabilityAsync(request.With(r => r.Windows[1] = new AvailabilityWindow { Weekday = Weekday.Tuesday, StartTime = "14:00", EndTime = "13:00" }), cancellationToken: Cancel)
            .RefusesField("windows[1].end_time", "must be after start_time");
        await service.Admin.SetWeeklyAvailabilityAsync(request.With(r => r.Windows[1].DeliveryModes.Add(DeliveryMode.FaceToFace)).With(r => r.Windows[1].Weekday = Weekday.Friday), cancellationToken: Cancel)
            .RefusesField("windows[1].delivery_modes", "the practitioner does not offer in person");
        await service.Admin.SetWeeklyAvailabilityAsync(request.With(r => r.EffectiveDate = "2020-01-01").With(r => r.Windows.RemoveAt(1)), cancellationToken: Cancel)
            .RefusesField("effective_date", "must be today or later");
    }

    [Fact]
    public async Task A_new_pattern_applies_from_its_date_and_the_current_one_is_shown()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var nextWeek = service.Next(DayOfWeek.Monday, 8);
        var later = Domain.ClinicTimeZone.London.LocalDate(nextWeek).AddDays(7);

        var set = await service.Admin.SetWeeklyAvailabilityAsync(new SetWeeklyAvailabilityRequest
        {
            PractitionerId = practitioner.PractitionerId,
            EffectiveDate = later.ToString("yyyy-MM-dd"),
            Windows = { new AvailabilityWindow { Weekday = Weekday.Monday, StartTime = "07:00", EndTime = "09:00" } },
        }, cancellationToken: Cancel);

        set.EffectiveDate.ShouldBe(later.ToString("yyyy-MM-dd"));
        (await service.Admin.GetPractitionerAsync(new GetPractitionerRequest { PractitionerId = practitioner.PractitionerId }, cancellationToken: Cancel))
            .WeeklyAvailability.Count.ShouldBe(5, "today the weekday pattern is still in force");
        await service.Admin.BookAppointmentAsync(new BookAppointmentRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            CourseId = course.CourseId,
            PractitionerId = practitioner.PractitionerId,
            StartTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(nextWeek),
        }, cancellationToken: Cancel).RefusesField("start_time", "outside the practitioner's availability");
        (await service.BookAsync(course, nextWeek.AddDays(7))).StartTime.ToDateTimeOffset().ShouldBe(nextWeek.AddDays(7));
    }

    [Fact]
    public async Task Unknown_practitioners_are_not_found()
    {
        await using var service = await StartAsync(broker);
        var unknown = Guid.NewGuid().ToString();

        (await service.Admin.GetPractitionerAsync(new GetPractitionerRequest { PractitionerId = unknown }, cancellationToken: Cancel).FailsWith(StatusCode.NotFound))
            .Status.Detail.ShouldBe("no practitioner has this practitioner_id");
        await service.Admin.SetWeeklyAvailabilityAsync(new SetWeeklyAvailabilityRequest { PractitionerId = unknown }, cancellationToken: Cancel).FailsWith(StatusCode.NotFound);
        await service.Admin.GetPractitionerAsync(new GetPractitionerRequest { PractitionerId = "42" }, cancellationToken: Cancel)
            .RefusesField("practitioner_id", "must be a UUID");
    }

    [Fact]
    public async Task Practitioners_are_listed_by_name_one_page_at_a_time()
    {
        await using var service = await StartAsync(broker);
        foreach (var name in new[] { "Carol", "Alice", "Bob", "Dan", "Eve" }) await service.RegisterAsync(available: false, name: name);
        var retired = await service.RegisterAsync(available: false, name: "Aaron");
        await service.Admin.UpdatePractitionerAsync(new UpdatePractitionerRequest { PractitionerId = retired.PractitionerId, Active = false }, cancellationToken: Cancel);

        var first = await service.Admin.ListPractitionersAsync(new ListPractitionersRequest { PageSize = 2 }, cancellationToken: Cancel);
        var second = await service.Admin.ListPractitionersAsync(new ListPractitionersRequest { PageSize = 2, PageToken = first.NextPageToken }, cancellationToken: Cancel);
        var third = await service.Admin.ListPractitionersAsync(new ListPractitionersRequest { PageSize = 2, PageToken = second.NextPageToken }, cancellationToken: Cancel);

        first.Practitioners.Select(p => p.DisplayName).Concat(second.Practitioners.Select(p => p.DisplayName)).Concat(third.Practitioners.Select(p => p.DisplayName))
            .ShouldBe(["Alice", "Bob", "Carol", "Dan", "Eve"]);
        third.NextPageToken.ShouldBeEmpty();
        (await service.Admin.ListPractitionersAsync(new ListPractitionersRequest { IncludeInactive = true, PageSize = 1 }, cancellationToken: Cancel))
            .Practitioners.Single().DisplayName.ShouldBe("Aaron");
        await service.Admin.ListPractitionersAsync(new ListPractitionersRequest { PageToken = "bogus" }, cancellationToken: Cancel)
            .RefusesField("page_token", "is not a token this service issued");
    }

    [Fact]
    public async Task Only_administrators_manage_practitioners_and_practitioners_manage_their_own_availability()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync(available: false);
        var own = service.Client(ClinicianToken(practitioner.PractitionerId));
        var colleague = service.Client(ClinicianToken(Guid.NewGuid().ToString()));
        var week = new SetWeeklyAvailabilityRequest
        {
            PractitionerId = practitioner.PractitionerId,
            Windows = { new AvailabilityWindow { Weekday = Weekday.Wednesday, StartTime = "10:00", EndTime = "16:00" } },
        };

        (await own.SetWeeklyAvailabilityAsync(week, cancellationToken: Cancel)).Windows.Count.ShouldBe(1);
        (await colleague.SetWeeklyAvailabilityAsync(week, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied))
            .Status.Detail.ShouldBe("only the practitioner themselves or an administrator may change their availability");
        (await own.RegisterPractitionerAsync(Registration(), cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied))
            .Status.Detail.ShouldContain("only an administrator may register or change practitioners");
        var readOnly = service.Client(TestTokens.Clinician(practitioner.PractitionerId, [Roles.Clinician], Scopes.SchedulingRead));
        (await readOnly.SetWeeklyAvailabilityAsync(week, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied))
            .Status.Detail.ShouldContain("scheduling.manage");
        await new V1.SchedulingService.SchedulingServiceClient(service.Host.Channel)
            .GetPractitionerAsync(new GetPractitionerRequest { PractitionerId = practitioner.PractitionerId }, cancellationToken: Cancel)
            .FailsWith(StatusCode.Unauthenticated);
    }
}
