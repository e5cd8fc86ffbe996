using DitCloud.Domain;
using DitCloud.Formulation.Domain;
using DitCloud.Formulation.Domain.GoodbyeLetters;
using DitCloud.Formulation.Domain.Inventory;
using DitCloud.Formulation.Domain.Ipaf;
using DitCloud.Formulation.Domain.Phases;
using DitCloud.Formulation.Domain.SessionNotes;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

/// <summary>
/// Refusal messages reach callers, logs and traces, so they must never quote clinical text.
/// Each step here is fed the marker sentence, over-long so that length rules fire on it, and
/// every refusal it causes is searched for the marker.
/// </summary>
public class NoClinicalTextInRefusalsTests
{
    private static string TooLong(int limit) => string.Concat(Enumerable.Repeat(Marker + " ", (limit / Marker.Length) + 2));

    public static TheoryData<string> Steps => [.. RefusedSteps.Keys];

    private static readonly Dictionary<string, Action> RefusedSteps = new()
    {
        ["ipaf draft over-long"] = () => IpafFormulation.ForCourse(CourseId).Draft(Practitioner,
            new IpafContent(TooLong(TextLimits.IpafPart), Marker, new LinkingAffects(TooLong(TextLimits.IpafPart), Marker), Marker, TooLong(TextLimits.IpafPart)), Now),
        ["ipaf share incomplete"] = () => IpafFormulation.ForCourse(CourseId)
            .Draft(Practitioner, new IpafContent(Marker, "", new LinkingAffects("", Marker), "", Marker), Now).Share(Practitioner, Now),
        ["ipaf edit after share"] = () => SharedFormulation().EditDraft(Practitioner, CompleteIpaf(), Now),
        ["ipaf revise by stranger"] = () => AgreedFormulation().Revise(WriteAccess(StrangerId), CompleteIpaf(), Now),
        ["relationship over-long"] = () => InterpersonalInventory.ForCourse(CourseId).Add(Practitioner, Guid.NewGuid(),
            new RelationshipDetails(TooLong(TextLimits.RelationshipWho), RelationshipTimeframe.Past, TooLong(TextLimits.RelationshipDescription), 9, 9, Marker), Now),
        ["note over-long"] = () => SessionNote.Draft(Practitioner, new AttendedSession(CourseId, 2, TherapyPhase.Initial), [], TooLong(TextLimits.SessionNoteText), Now),
        ["signed note edit"] = () => SessionNote.Draft(Practitioner, new AttendedSession(CourseId, 2, TherapyPhase.Initial), [], Marker, Now)
            .Sign(Practitioner, Now).EditDraft(Practitioner, [], Marker, Now),
        ["addendum over-long"] = () => SessionNote.Draft(Practitioner, new AttendedSession(CourseId, 2, TherapyPhase.Initial), [], Marker, Now)
            .Sign(Practitioner, Now).AddAddendum(Supervisor, TooLong(TextLimits.AddendumText), Now),
        ["letter outside ending"] = () => GoodbyeLetter.Draft(Practitioner, TherapyPhase.Middle, AgreedFormulation(), CompleteLetter, Now),
        ["letter over-long"] = () => GoodbyeLetter.Draft(Practitioner, TherapyPhase.Ending, AgreedFormulation(),
            new GoodbyeLetterContent(TooLong(TextLimits.GoodbyeLetterSection), Marker, Marker), Now),
        ["letter issued twice"] = () => GoodbyeLetter.Draft(Practitioner, TherapyPhase.Ending, AgreedFormulation(), CompleteLetter, Now)
            .Issue(Practitioner, Now).State.Issue(Practitioner, Now),
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_refusal_never_quotes_the_clinical_text_it_was_given(string step)
    {
        var refusal = Should.Throw<DomainException>(RefusedSteps[step]);

        ShouldQuoteNoClinicalText(refusal);
        refusal.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Over_long_inputs_name_every_field_without_quoting_it()
    {
        var refusal = Should.Throw<DomainException>(RefusedSteps["relationship over-long"]);

        refusal.Kind.ShouldBe(DomainErrorKind.InvalidArgument);
        refusal.Violations.Select(v => v.Field).ShouldBe([
            "relationship.who", "relationship.quality", "relationship.closeness", "relationship.conflict",
        ]);
        ShouldQuoteNoClinicalText(refusal);
    }
}
