using DitCloud.Formulation.V1;
using Grpc.Core;

namespace DitCloud.Formulation.Api.Tests;

public class InventoryTests(InventoryTests.Fixture service) : IClassFixture<InventoryTests.Fixture>
{
    public sealed class Fixture(DitCloud.Testing.TestServers servers) : FormulationServiceFixture(servers);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static InventoryRelationship Mother(TestCourse course, string relationshipId = "") => new()
    {
        RelationshipId = relationshipId,
        Kind = RelationshipKind.ParentOrCarer,
        Label = "mother",
        Current = true,
        Quality = $"warm but critical {course.Marker}",
        Closeness = 4,
        Conflict = 3,
        LinkToPattern = $"expects criticism {course.Marker}",
    };

    [Fact]
    public async Task A_new_course_has_an_empty_inventory()
    {
        var course = await service.CourseAsync();

        var inventory = await service.Client(course.Practitioner).GetInterpersonalInventoryAsync(new() { CourseId = course.Id }, cancellationToken: Cancel);

        inventory.Relationships.ShouldBeEmpty();
    }

    [Fact]
    public async Task Relationships_are_added_updated_and_every_earlier_state_stays_readable()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);

        var added = (await client.AddInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = Mother(course) }, cancellationToken: Cancel)).Relationship;
        added.Revision.ShouldBe(1);
        added.RecordedByPractitionerId.ShouldBe(course.PractitionerId.ToString());
        added.Kind.ShouldBe(RelationshipKind.ParentOrCarer);

        var changed = added.Clone();
        changed.Closeness = 2;
        changed.Quality = $"distant now {course.Marker}";
        var updated = (await service.Client(course.Supervisor).UpdateInventoryRelationshipAsync(
            new() { CourseId = course.Id, Relationship = changed }, cancellationToken: Cancel)).Relationship;
        updated.Revision.ShouldBe(2);
        updated.RecordedByPractitionerId.ShouldBe(course.SupervisorId.ToString());

        var inventory = await client.GetInterpersonalInventoryAsync(new() { CourseId = course.Id }, cancellationToken: Cancel);
        inventory.Relationships.ShouldHaveSingleItem().Closeness.ShouldBe(2);

        var history = await client.ListInventoryRelationshipRevisionsAsync(
            new() { CourseId = course.Id, RelationshipId = added.RelationshipId }, cancellationToken: Cancel);
        history.Revisions.Select(r => r.Quality).ShouldBe([$"warm but critical {course.Marker}", $"distant now {course.Marker}"]);
    }

    [Fact]
    public async Task An_archived_relationship_leaves_the_current_inventory_but_is_kept()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);
        var added = (await client.AddInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = Mother(course) }, cancellationToken: Cancel)).Relationship;

        var archived = added.Clone();
        archived.Archived = true;
        await client.UpdateInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = archived }, cancellationToken: Cancel);

        (await client.GetInterpersonalInventoryAsync(new() { CourseId = course.Id }, cancellationToken: Cancel)).Relationships.ShouldBeEmpty();
        (await client.GetInterpersonalInventoryAsync(new() { CourseId = course.Id, IncludeArchived = true }, cancellationToken: Cancel))
            .Relationships.ShouldHaveSingleItem().Archived.ShouldBeTrue();
    }

    [Fact]
    public async Task A_retried_add_with_the_callers_own_id_is_already_exists_not_a_second_relationship()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);
        var id = Guid.NewGuid().ToString();
        await client.AddInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = Mother(course, id) }, cancellationToken: Cancel);

        await Refusal.Of(() => client.AddInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = Mother(course, id) }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.AlreadyExists);
        (await client.GetInterpersonalInventoryAsync(new() { CourseId = course.Id }, cancellationToken: Cancel)).Relationships.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_aborted()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);
        var added = (await client.AddInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = Mother(course) }, cancellationToken: Cancel)).Relationship;
        await client.UpdateInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = added }, cancellationToken: Cancel);

        await Refusal.Of(() => client.UpdateInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = added }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.Aborted);
    }

    [Fact]
    public async Task Bad_relationships_are_refused_naming_each_request_field()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);
        var bad = Mother(course);
        bad.Kind = RelationshipKind.Unspecified;
        var noKind = await Refusal.Of(() => client.AddInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = bad }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.InvalidArgument);
        noKind.Fields().ShouldBe(["relationship.kind"]);

        bad = Mother(course);
        bad.Label = "";
        bad.Closeness = 9;
        var rules = await Refusal.Of(() => client.AddInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = bad }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.InvalidArgument);
        rules.Fields().ShouldBe(["relationship.label", "relationship.closeness"], ignoreOrder: true);
        rules.Status.Detail.ShouldNotContain(course.Marker);

        var noCourse = await Refusal.Of(() => client.AddInventoryRelationshipAsync(new() { CourseId = "course-1", Relationship = Mother(course) }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.InvalidArgument);
        noCourse.Fields().ShouldBe(["course_id"]);
    }

    [Fact]
    public async Task Once_the_course_has_ended_its_inventory_is_closed_and_still_readable()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);
        await client.AddInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = Mother(course) }, cancellationToken: Cancel);

        await service.Events.PublishAsync(course.Completed());
        await Eventually.Until(() => service.ScalarAsync<long>("SELECT count(*) FROM courses WHERE course_id = $1 AND ended_at IS NOT NULL", course.CourseId),
            ended => ended == 1, "course ended");

        var refusal = await Refusal.Of(() => client.AddInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = Mother(course) }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition);
        refusal.Status.Detail.ShouldContain("ended");
        (await client.GetInterpersonalInventoryAsync(new() { CourseId = course.Id }, cancellationToken: Cancel)).Relationships.Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_database_refuses_to_rewrite_a_recorded_relationship()
    {
        var course = await service.CourseAsync();
        await service.Client(course.Practitioner).AddInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = Mother(course) }, cancellationToken: Cancel);

        var update = await Should.ThrowAsync<Npgsql.PostgresException>(() =>
            service.ExecuteAsync("UPDATE relationship_revisions SET quality = 'rewritten' WHERE course_id = $1", course.CourseId));
        update.SqlState.ShouldBe("42501");
        await Should.ThrowAsync<Npgsql.PostgresException>(() => service.ExecuteAsync("DELETE FROM relationship_revisions WHERE course_id = $1", course.CourseId));
    }
}
