using DitCloud.Domain;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.GoodbyeLetters;
using DitCloud.Formulation.Domain.Inventory;
using DitCloud.Formulation.Domain.Ipaf;

namespace DitCloud.Formulation.Tests;

/// <summary>One course with a supervised practitioner, and clinical inputs that all carry a marker sentence.</summary>
internal static class TestCourse
{
    /// <summary>Stands in for clinical text; no refusal message may ever contain it.</summary>
    public const string Marker = "MARKER-7f3a: she felt abandoned when her father left";

    public const string PractitionerId = "practitioner-a";
    public const string SupervisorId = "supervisor-b";
    public const string StrangerId = "practitioner-c";

    public static readonly Guid CourseId = Guid.Parse("6f1c2d7e-0b55-4b8e-9a31-2d4f5e6a7b8c");
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 14, 0, 0, TimeSpan.Zero);

    public static CourseCareTeam CareTeam { get; } = new(CourseId, PractitionerId, SupervisorId);

    public static ClinicalAccess Practitioner => WriteAccess(PractitionerId);

    public static ClinicalAccess Supervisor => WriteAccess(SupervisorId);

    public static ClinicalAccess WriteAccess(string userId) =>
        ClinicalAccessPolicy.Decide(CareTeam, userId, ClinicalRecordKind.Formulation, ClinicalAccessKind.Write).Demand();

    public static ClinicalAccess ReadAccess(string userId) =>
        ClinicalAccessPolicy.Decide(CareTeam, userId, ClinicalRecordKind.Formulation, ClinicalAccessKind.Read).Demand();

    public static IpafContent CompleteIpaf(string tag = "") => new(
        $"self {Marker} {tag}",
        $"other {Marker} {tag}",
        new LinkingAffects($"conscious {Marker}", $"less conscious {Marker}"),
        $"defence {Marker}",
        $"transference {Marker}");

    public static IpafContent EmptyIpaf => new("", "", new LinkingAffects("", null), "", null);

    public static RelationshipDetails Mother(int closeness = 4, int conflict = 3) =>
        new("mother", RelationshipTimeframe.Current, $"warm but critical {Marker}", closeness, conflict, $"link {Marker}");

    public static GoodbyeLetterContent CompleteLetter => new($"progress {Marker}", $"watch {Marker}", $"setbacks {Marker}");

    public static IpafFormulation SharedFormulation() =>
        IpafFormulation.ForCourse(CourseId).Draft(Practitioner, CompleteIpaf(), Now).Share(Practitioner, Now.AddDays(1));

    public static IpafFormulation AgreedFormulation() =>
        SharedFormulation().Agree(Practitioner, new DateOnly(2025, 3, 17), 4, Now.AddDays(7)).State;

    /// <summary>Asserts the step is refused with the given kind, and that the refusal quotes no clinical text.</summary>
    public static DomainException Refused(Action step, DomainErrorKind kind)
    {
        var refusal = Should.Throw<DomainException>(step);
        refusal.Kind.ShouldBe(kind, refusal.Message);
        ShouldQuoteNoClinicalText(refusal);
        return refusal;
    }

    public static void ShouldQuoteNoClinicalText(DomainException refusal)
    {
        refusal.Message.ShouldNotContain("MARKER", Case.Insensitive);
        refusal.Message.ShouldNotContain("abandoned", Case.Insensitive);
        foreach (var violation in refusal.Violations)
        {
            violation.Description.ShouldNotContain("MARKER", Case.Insensitive);
            violation.Field.ShouldNotContain("MARKER", Case.Insensitive);
        }
    }
}
