using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Tests;

public sealed class DitEligibilityTests
{
    [Theory]
    [InlineData(149, false)]
    [InlineData(150, true)]
    [InlineData(151, true)]
    [InlineData(0, false)]
    public void At_least_150_supervised_psychodynamic_hours_are_needed(int hours, bool eligible)
    {
        var reason = DitEligibility.Check(Given.Practitioner(hours: hours), DeliveryMode.Video);

        reason.ShouldBe(eligible ? null : Ineligibility.TooFewSupervisedHours);
    }

    public static TheoryData<string, Practitioner, DeliveryMode, Ineligibility?> Cases => new()
    {
        { "accredited, video", Given.Practitioner(), DeliveryMode.Video, null },
        { "supervised trainee", Given.Practitioner(status: DitStatus.InTraining, supervisorId: Given.Id(1)), DeliveryMode.InPerson, null },
        { "no psychodynamic background", Given.Practitioner(background: false), DeliveryMode.Video, Ineligibility.NoPsychodynamicBackground },
        { "trainee without supervisor", Given.Practitioner(status: DitStatus.InTraining), DeliveryMode.Video, Ineligibility.TraineeWithoutSupervisor },
        { "offers in person only", Given.Practitioner(modes: [DeliveryMode.InPerson]), DeliveryMode.Video, Ineligibility.DoesNotOfferDeliveryMode },
        { "full caseload", Given.Practitioner(max: 8, current: 8), DeliveryMode.Video, Ineligibility.CaseloadFull },
        { "one place left", Given.Practitioner(max: 8, current: 7), DeliveryMode.Video, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_eligible_practitioners_take_dit_cases(string because, Practitioner practitioner, DeliveryMode mode, Ineligibility? expected) =>
        DitEligibility.Check(practitioner, mode).ShouldBe(expected, because);
}
