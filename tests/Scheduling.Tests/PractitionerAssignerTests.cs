using DitCloud.Domain;
using DitCloud.Scheduling.Domain.Assignment;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Tests;

public sealed class PractitionerAssignerTests
{
    private static Practitioner Accredited(int id, int spare) => Given.Practitioner(id: Given.Id(id), max: 10, current: 10 - spare);

    private static Practitioner Trainee(int id, int spare) =>
        Given.Practitioner(id: Given.Id(id), status: DitStatus.InTraining, supervisorId: Given.Id(90), max: 10, current: 10 - spare);

    public static TheoryData<string, Practitioner[], int> Orderings => new()
    {
        { "accredited before a trainee with more room", [Trainee(1, 9), Accredited(2, 1)], 2 },
        { "most spare capacity among the accredited", [Accredited(1, 2), Accredited(2, 5), Accredited(3, 3)], 2 },
        { "lowest id breaks a tie", [Accredited(3, 4), Accredited(1, 4), Accredited(2, 4)], 1 },
        { "a trainee when no accredited practitioner has room", [Accredited(1, 0), Trainee(2, 1), Trainee(3, 6)], 3 },
        { "ineligible practitioners are skipped", [Given.Practitioner(id: Given.Id(1), hours: 149), Trainee(2, 1)], 2 },
    };

    [Theory]
    [MemberData(nameof(Orderings))]
    public void Chooses_by_the_published_order(string because, Practitioner[] practitioners, int expectedId)
    {
        var decision = PractitionerAssigner.Assign(practitioners, DeliveryMode.Video);

        decision.IsAssigned.ShouldBeTrue(because);
        decision.Chosen!.Id.ShouldBe(Given.Id(expectedId), because);
    }

    [Fact]
    public void The_choice_does_not_depend_on_input_order()
    {
        Practitioner[] practitioners = [Accredited(3, 4), Accredited(1, 4), Trainee(2, 9)];

        var forwards = PractitionerAssigner.Assign(practitioners, DeliveryMode.Video);
        var backwards = PractitionerAssigner.Assign([.. practitioners.Reverse()], DeliveryMode.Video);

        backwards.ShouldBe(forwards);
    }

    [Fact]
    public void The_reason_explains_an_accredited_choice()
    {
        var decision = PractitionerAssigner.Assign([Accredited(1, 3), Accredited(2, 5), Trainee(3, 9)], DeliveryMode.Video);

        decision.Reason.ShouldBe(
            $"Assigned accredited DIT practitioner {Given.Id(2)}: accredited practitioners are preferred to trainees; " +
            "most spare capacity among them (5 of 10 places free); 3 eligible practitioner(s) offer video.");
    }

    [Fact]
    public void The_reason_explains_a_trainee_choice_and_a_tie_break()
    {
        var decision = PractitionerAssigner.Assign([Accredited(1, 0), Trainee(3, 4), Trainee(2, 4)], DeliveryMode.InPerson);

        decision.Reason.ShouldBe(
            $"Assigned DIT trainee {Given.Id(2)} (supervised by {Given.Id(90)}): no accredited practitioner offering in person has capacity; " +
            "most spare capacity among them (4 of 10 places free), tied with 1 other(s) and chosen by lowest practitioner id; " +
            "2 eligible practitioner(s) offer in person.");
    }

    [Fact]
    public void No_capacity_leaves_the_patient_waiting_with_the_reasons_counted()
    {
        Practitioner[] practitioners =
        [
            Given.Practitioner(id: Given.Id(1), hours: 149),
            Given.Practitioner(id: Given.Id(2), modes: [DeliveryMode.InPerson]),
            Accredited(3, 0),
            Accredited(4, 0),
        ];

        var decision = PractitionerAssigner.Assign(practitioners, DeliveryMode.Video);

        decision.IsAssigned.ShouldBeFalse();
        decision.Chosen.ShouldBeNull();
        decision.Reason.ShouldBe(
            "No capacity: none of 4 practitioner(s) can take a video DIT case (1 fewer than 150 supervised psychodynamic hours, " +
            "1 does not offer video, 2 caseload full); the patient waits in the queue.");
    }

    [Fact]
    public void No_practitioners_at_all_is_no_capacity()
    {
        var decision = PractitionerAssigner.Assign([], DeliveryMode.Video);

        decision.IsAssigned.ShouldBeFalse();
        decision.Reason.ShouldBe("No capacity: no practitioners are registered for video DIT; the patient waits in the queue.");
    }

    [Fact]
    public void Telephone_is_refused()
    {
        var description = Refusal.OfField("delivery_mode", () => PractitionerAssigner.Assign([Accredited(1, 5)], DeliveryMode.Telephone));

        description.ShouldBe("DIT is not offered by telephone; choose video or in person");
    }
}
