using DitCloud.Domain;
using DitCloud.Formulation.Domain;
using DitCloud.Formulation.Domain.Inventory;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

public class InterpersonalInventoryTests
{
    private static readonly Guid MotherId = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid PartnerId = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    [Fact]
    public void Adding_a_relationship_records_its_first_revision_with_the_author()
    {
        var inventory = InterpersonalInventory.ForCourse(CourseId).Add(Supervisor, MotherId, Mother(), Now);

        var revision = inventory.Relationships.ShouldHaveSingleItem();
        revision.RelationshipId.ShouldBe(MotherId);
        revision.Revision.ShouldBe(1);
        revision.Details.ShouldBe(Mother());
        revision.RecordedBy.ShouldBe(SupervisorId);
        revision.RecordedAt.ShouldBe(Now);
    }

    [Fact]
    public void Updating_appends_a_revision_and_keeps_every_earlier_one()
    {
        var partner = new RelationshipDetails("partner", RelationshipTimeframe.Past, $"ended {Marker}", 2, 5, null);
        var inventory = InterpersonalInventory.ForCourse(CourseId)
            .Add(Practitioner, MotherId, Mother(closeness: 4), Now)
            .Add(Practitioner, PartnerId, partner, Now)
            .Update(Practitioner, MotherId, Mother(closeness: 2), Now.AddDays(7))
            .Update(Supervisor, MotherId, Mother(closeness: 1), Now.AddDays(14));

        inventory.Revisions.Count.ShouldBe(4);
        inventory.Relationships.Select(r => (r.RelationshipId, r.Revision)).ShouldBe([(MotherId, 3), (PartnerId, 1)]);
        inventory.HistoryOf(MotherId).Select(r => r.Details.Closeness).ShouldBe([4, 2, 1]);
        inventory.HistoryOf(MotherId)[^1].RecordedBy.ShouldBe(SupervisorId);
    }

    [Fact]
    public void Adding_the_same_relationship_twice_is_refused()
    {
        var inventory = InterpersonalInventory.ForCourse(CourseId).Add(Practitioner, MotherId, Mother(), Now);

        Refused(() => inventory.Add(Practitioner, MotherId, Mother(), Now), DomainErrorKind.AlreadyExists)
            .Message.ShouldContain("update it");
    }

    [Fact]
    public void Updating_or_reading_an_unknown_relationship_is_not_found()
    {
        var inventory = InterpersonalInventory.ForCourse(CourseId).Add(Practitioner, MotherId, Mother(), Now);

        Refused(() => inventory.Update(Practitioner, PartnerId, Mother(), Now), DomainErrorKind.NotFound);
        Refused(() => inventory.HistoryOf(PartnerId), DomainErrorKind.NotFound);
    }

    [Theory]
    [InlineData(0, 3, "relationship.closeness")]
    [InlineData(6, 3, "relationship.closeness")]
    [InlineData(3, 0, "relationship.conflict")]
    [InlineData(3, 6, "relationship.conflict")]
    public void Closeness_and_conflict_run_from_1_to_5(int closeness, int conflict, string field)
    {
        var refusal = Refused(
            () => InterpersonalInventory.ForCourse(CourseId).Add(Practitioner, MotherId, Mother(closeness, conflict), Now),
            DomainErrorKind.InvalidArgument);

        refusal.Violations.ShouldHaveSingleItem().Field.ShouldBe(field);
        refusal.Message.ShouldContain("between 1 and 5");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Ratings_at_either_end_of_the_scale_are_accepted(int rating)
    {
        var inventory = InterpersonalInventory.ForCourse(CourseId).Add(Practitioner, MotherId, Mother(rating, rating), Now);

        inventory.Relationships.ShouldHaveSingleItem().Details.Conflict.ShouldBe(rating);
    }

    [Fact]
    public void Every_broken_field_is_named_at_once()
    {
        var details = new RelationshipDetails(" ", (RelationshipTimeframe)9, "", 3, 3, new string('x', TextLimits.RelationshipDescription + 1));

        var refusal = Refused(() => InterpersonalInventory.ForCourse(CourseId).Add(Practitioner, Guid.Empty, Mother(), Now),
            DomainErrorKind.InvalidArgument);
        refusal.Violations.ShouldHaveSingleItem().Field.ShouldBe("relationship_id");

        Refused(() => InterpersonalInventory.ForCourse(CourseId).Add(Practitioner, MotherId, details, Now), DomainErrorKind.InvalidArgument)
            .Violations.Select(v => v.Field)
            .ShouldBe(["relationship.who", "relationship.timeframe", "relationship.quality", "relationship.link_to_pattern"]);
    }

    [Fact]
    public void A_stranger_cannot_add_to_the_inventory()
    {
        Refused(() => WriteAccess(StrangerId), DomainErrorKind.PermissionDenied);
    }
}
