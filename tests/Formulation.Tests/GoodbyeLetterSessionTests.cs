using DitCloud.Domain;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.GoodbyeLetters;
using DitCloud.Formulation.Domain.Inventory;
using DitCloud.Formulation.Domain.Ipaf;
using DitCloud.Formulation.Domain.Phases;
using DitCloud.Formulation.Domain.SessionNotes;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

public class GoodbyeLetterSessionTests
{
    private static GoodbyeLetter DraftLetter() =>
        GoodbyeLetter.Draft(Practitioner, TherapyPhase.Ending, AgreedFormulation(), CompleteLetter, Now);

    [Fact]
    public void Issuing_at_an_ending_phase_session_records_the_session()
    {
        var issued = DraftLetter().Issue(Practitioner, 16, TherapyPhase.Ending, Now.AddDays(1));

        issued.State.Status.ShouldBe(GoodbyeLetterStatus.Issued);
        issued.State.IssuedAtSession.ShouldBe(16);
        issued.Event.IssuedBy.ShouldBe(PractitionerId);
    }

    [Fact]
    public void Issuing_at_a_session_outside_the_ending_phase_is_refused()
    {
        Refused(() => DraftLetter().Issue(Practitioner, 12, TherapyPhase.Middle, Now), DomainErrorKind.FailedPrecondition)
            .Message.ShouldContain("ending phase");
    }

    [Fact]
    public void An_issued_letter_is_not_issued_again_at_another_session()
    {
        var issued = DraftLetter().Issue(Practitioner, 15, TherapyPhase.Ending, Now).State;

        Refused(() => issued.Issue(Practitioner, 16, TherapyPhase.Ending, Now), DomainErrorKind.FailedPrecondition);
    }

    [Fact]
    public void The_letter_reads_as_the_formulation_then_the_three_sections()
    {
        var text = DraftLetter().Text;

        text.IndexOf($"self {Marker}", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf($"progress {Marker}", StringComparison.Ordinal));
        text.ShouldContain($"watch {Marker}");
        text.ShouldContain($"setbacks {Marker}");
    }
}
