using DitCloud.Domain;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Tests;

public sealed class PractitionerRegistrationTests
{
    private static readonly Practitioner Supervisor = Given.Practitioner(id: Given.Id(1));

    [Fact]
    public void An_accredited_practitioner_is_accepted()
    {
        var practitioner = Given.Practitioner();

        PractitionerRegistration.Validate(practitioner, null).ShouldBe(practitioner);
    }

    [Fact]
    public void A_trainee_with_an_accredited_supervisor_is_accepted()
    {
        var trainee = Given.Practitioner(id: Given.Id(2), status: DitStatus.InTraining, supervisorId: Supervisor.Id);

        PractitionerRegistration.Validate(trainee, Supervisor).ShouldBe(trainee);
    }

    [Fact]
    public void A_trainee_without_a_supervisor_is_refused()
    {
        var trainee = Given.Practitioner(status: DitStatus.InTraining, supervisorId: null);

        var description = Refusal.OfField("supervisor_id", () => PractitionerRegistration.Validate(trainee, null));

        description.ShouldBe("a DIT trainee needs a named supervisor; give the id of an accredited DIT practitioner");
    }

    public static TheoryData<string, Practitioner, Practitioner?, string> SupervisionRefusals => new()
    {
        {
            "empty supervisor id",
            Given.Practitioner(id: Given.Id(2), status: DitStatus.InTraining, supervisorId: Guid.Empty), null,
            "a DIT trainee needs a named supervisor"
        },
        {
            "supervisor not found",
            Given.Practitioner(id: Given.Id(2), status: DitStatus.InTraining, supervisorId: Given.Id(1)), null,
            "names no registered practitioner"
        },
        {
            "supervisor is a trainee",
            Given.Practitioner(id: Given.Id(2), status: DitStatus.InTraining, supervisorId: Given.Id(1)),
            Given.Practitioner(id: Given.Id(1), status: DitStatus.InTraining, supervisorId: Given.Id(3)),
            "not DIT-accredited"
        },
        {
            "supervises themselves",
            Given.Practitioner(id: Given.Id(2), status: DitStatus.InTraining, supervisorId: Given.Id(2)),
            Given.Practitioner(id: Given.Id(2), status: DitStatus.InTraining, supervisorId: Given.Id(2)),
            "cannot supervise themselves"
        },
        {
            "accredited with a supervisor",
            Given.Practitioner(id: Given.Id(2), status: DitStatus.Accredited, supervisorId: Given.Id(1)), Supervisor,
            "only a DIT trainee has a training supervisor"
        },
    };

    [Theory]
    [MemberData(nameof(SupervisionRefusals))]
    public void Supervision_must_name_an_accredited_practitioner(string because, Practitioner candidate, Practitioner? supervisor, string expected)
    {
        var description = Refusal.OfField("supervisor_id", () => PractitionerRegistration.Validate(candidate, supervisor));

        description.ShouldContain(expected, customMessage: because);
    }

    [Theory]
    [InlineData(new[] { DeliveryMode.Telephone }, "DIT is not offered by telephone; choose video or in person")]
    [InlineData(new[] { DeliveryMode.Video, DeliveryMode.Telephone }, "DIT is not offered by telephone; choose video or in person")]
    [InlineData(new DeliveryMode[0], "offer at least one of video or in person")]
    [InlineData(new[] { (DeliveryMode)0 }, "unknown delivery mode; choose video or in person")]
    public void Delivery_modes_must_be_video_or_in_person(DeliveryMode[] modes, string expected)
    {
        var description = Refusal.OfField("delivery_modes", () => PractitionerRegistration.Validate(Given.Practitioner(modes: modes), null));

        description.ShouldBe(expected);
    }

    [Theory]
    [InlineData(0, 0, "max_caseload")]
    [InlineData(10, -1, "current_caseload")]
    public void Caseload_figures_must_make_sense(int max, int current, string field) =>
        Refusal.OfField(field, () => PractitionerRegistration.Validate(Given.Practitioner(max: max, current: current), null));

    [Fact]
    public void Every_fault_is_reported_at_once()
    {
        var candidate = Given.Practitioner(id: Guid.Empty, hours: -1, status: DitStatus.InTraining, modes: [DeliveryMode.Telephone], max: 0);

        var refusal = Refusal.Of(DomainErrorKind.InvalidArgument, () => PractitionerRegistration.Validate(candidate, null));

        refusal.Violations.Select(v => v.Field).ShouldBe(
            ["practitioner_id", "supervised_psychodynamic_hours", "supervisor_id", "delivery_modes", "max_caseload"]);
    }

    [Fact]
    public void Fewer_than_150_hours_may_be_recorded_but_cannot_hold_dit_cases()
    {
        var practitioner = Given.Practitioner(hours: 149);

        PractitionerRegistration.Validate(practitioner, null).ShouldBe(practitioner);
        practitioner.MeetsDitEntryRequirement.ShouldBeFalse();
    }

    [Fact]
    public void Taking_on_a_case_fills_a_place() =>
        Given.Practitioner(max: 10, current: 9).TakeOnCase().CurrentCaseload.ShouldBe(10);

    [Fact]
    public void Taking_on_a_case_at_full_caseload_is_refused() =>
        Refusal.Of(DomainErrorKind.FailedPrecondition, () => Given.Practitioner(max: 10, current: 10).TakeOnCase());

    [Fact]
    public void Releasing_a_case_frees_a_place_but_never_goes_below_zero()
    {
        Given.Practitioner(current: 3).ReleaseCase().CurrentCaseload.ShouldBe(2);
        Refusal.Of(DomainErrorKind.FailedPrecondition, () => Given.Practitioner(current: 0).ReleaseCase());
    }

    [Theory]
    [InlineData(10, 4, 6)]
    [InlineData(5, 7, 0)] // the maximum was lowered below the current caseload
    public void Spare_capacity_is_never_negative(int max, int current, int spare) =>
        Given.Practitioner(max: max, current: current).SpareCapacity.ShouldBe(spare);
}
