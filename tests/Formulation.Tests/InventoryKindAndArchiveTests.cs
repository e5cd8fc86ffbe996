using DitCloud.Domain;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.GoodbyeLetters;
using DitCloud.Formulation.Domain.Inventory;
using DitCloud.Formulation.Domain.Ipaf;
using DitCloud.Formulation.Domain.Phases;
using DitCloud.Formulation.Domain.SessionNotes;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

public class InventoryKindAndArchiveTests
{
    private static readonly Guid MotherId = Guid.Parse("00000000-0000-0000-0000-0000000000a1");

    [Fact]
    public void A_relationship_is_of_kind_Other_unless_stated()
    {
        Mother().Kind.ShouldBe(RelationshipKind.Other);
        (Mother() with { Kind = RelationshipKind.ParentOrCarer }).Kind.ShouldBe(RelationshipKind.ParentOrCarer);
    }

    [Fact]
    public void A_kind_off_the_list_is_refused_naming_the_field()
    {
        var refusal = Refused(
            () => InterpersonalInventory.ForCourse(CourseId).Add(Practitioner, MotherId, Mother() with { Kind = 0 }, Now),
            DomainErrorKind.InvalidArgument);

        refusal.Violations.ShouldHaveSingleItem().Field.ShouldBe("relationship.kind");
    }

    [Fact]
    public void Archiving_is_a_revision_that_leaves_the_current_inventory_and_keeps_the_history()
    {
        var inventory = InterpersonalInventory.ForCourse(CourseId)
            .Add(Practitioner, MotherId, Mother(), Now)
            .Update(Practitioner, MotherId, Mother() with { Archived = true }, Now.AddDays(7));

        inventory.CurrentRelationships.ShouldBeEmpty();
        inventory.Relationships.ShouldHaveSingleItem().Details.Archived.ShouldBeTrue();
        inventory.HistoryOf(MotherId).Select(r => r.Details.Archived).ShouldBe([false, true]);
    }
}
