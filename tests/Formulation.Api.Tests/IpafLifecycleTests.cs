using DitCloud.Contracts.Events.V1;
using DitCloud.Formulation.V1;
using Grpc.Core;

namespace DitCloud.Formulation.Api.Tests;

public class IpafLifecycleTests(IpafLifecycleTests.Fixture service) : IClassFixture<IpafLifecycleTests.Fixture>
{
    public sealed class Fixture(DitCloud.Testing.TestServers servers) : FormulationServiceFixture(servers);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static SaveIpafDraftRequest Complete(TestCourse course, string tag = "") => new()
    {
        CourseId = course.Id,
        SelfRepresentation = $"self unworthy {tag} {course.Marker}",
        OtherRepresentation = $"other rejecting {course.Marker}",
        LinkingAffect = $"shame {course.Marker}",
        LinkingAffectLessConscious = $"anger {course.Marker}",
        DefensiveFunction = $"withdrawal {course.Marker}",
        Transference = $"expects the practitioner to lose interest {course.Marker}",
    };

    [Fact]
    public async Task Draft_shared_agreed_revised_and_agreed_again_keeps_every_version_readable()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);

        var draft = (await client.SaveIpafDraftAsync(new SaveIpafDraftRequest { CourseId = course.Id, SelfRepresentation = "first thoughts" }, cancellationToken: Cancel)).Ipaf;
        draft.Version.ShouldBe(1);
        draft.Status.ShouldBe(IpafStatus.Draft);

        var edited = Complete(course);
        edited.Etag = draft.Etag;
        draft = (await client.SaveIpafDraftAsync(edited, cancellationToken: Cancel)).Ipaf;
        draft.SelfRepresentation.ShouldBe(edited.SelfRepresentation);

        var shared = (await client.ShareIpafAsync(new() { CourseId = course.Id, Version = 1, Etag = draft.Etag }, cancellationToken: Cancel)).Ipaf;
        shared.Status.ShouldBe(IpafStatus.Shared);
        shared.SharedByPractitionerId.ShouldBe(course.PractitionerId.ToString());

        var agreed = (await client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 1, SessionNumber = 4, AgreedOn = "2025-03-17" }, cancellationToken: Cancel)).Ipaf;
        agreed.Status.ShouldBe(IpafStatus.Agreed);
        agreed.AgreedOn.ShouldBe("2025-03-17");
        agreed.AgreedAtSession.ShouldBe(4);

        var revision = (await service.Client(course.Supervisor).ReviseIpafAsync(
            new() { CourseId = course.Id, Reason = $"new material about work {course.Marker}" }, cancellationToken: Cancel)).Ipaf;
        revision.Version.ShouldBe(2);
        revision.Status.ShouldBe(IpafStatus.Draft);
        revision.SelfRepresentation.ShouldBe(agreed.SelfRepresentation);
        revision.RevisionReason.ShouldBe($"new material about work {course.Marker}");

        var second = Complete(course, "revised");
        await client.SaveIpafDraftAsync(second, cancellationToken: Cancel);
        await client.ShareIpafAsync(new() { CourseId = course.Id, Version = 2 }, cancellationToken: Cancel);
        await client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 2, SessionNumber = 9 }, cancellationToken: Cancel);

        var versions = (await client.ListIpafVersionsAsync(new() { CourseId = course.Id }, cancellationToken: Cancel)).Versions;
        versions.Select(v => (v.Version, v.Status)).ShouldBe([(2, IpafStatus.Agreed), (1, IpafStatus.Superseded)]);
        var first = (await client.GetIpafAsync(new() { CourseId = course.Id, Version = 1 }, cancellationToken: Cancel)).Ipaf;
        first.SelfRepresentation.ShouldBe(edited.SelfRepresentation);
        first.AgreedAtSession.ShouldBe(4);
        (await client.GetIpafAsync(new() { CourseId = course.Id }, cancellationToken: Cancel)).Ipaf.SelfRepresentation.ShouldBe(second.SelfRepresentation);
    }

    [Fact]
    public async Task The_first_agreement_publishes_FormulationAgreed_and_a_later_one_FormulationRevised()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);
        await client.SaveIpafDraftAsync(Complete(course), cancellationToken: Cancel);
        await client.ShareIpafAsync(new() { CourseId = course.Id, Version = 1 }, cancellationToken: Cancel);
        await client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 1, SessionNumber = 3 }, cancellationToken: Cancel);

        var agreed = await service.Events.ReceivedAsync<FormulationAgreed>(course.CourseId);
        agreed.IpafVersion.ShouldBe(1);
        agreed.AgreedAtSession.ShouldBe(3);
        agreed.PractitionerId.ShouldBe(course.PractitionerId);

        await client.ReviseIpafAsync(new() { CourseId = course.Id, Reason = "the focus moved" }, cancellationToken: Cancel);
        await client.ShareIpafAsync(new() { CourseId = course.Id, Version = 2 }, cancellationToken: Cancel);
        await client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 2, SessionNumber = 10 }, cancellationToken: Cancel);

        var revised = await service.Events.ReceivedAsync<FormulationRevised>(course.CourseId);
        (revised.PreviousVersion, revised.IpafVersion, revised.AgreedAtSession).ShouldBe((1, 2, 10));
        service.Events.ReceivedFor<FormulationAgreed>(course.CourseId).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_draft_with_parts_missing_is_not_shared()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);
        await client.SaveIpafDraftAsync(new SaveIpafDraftRequest { CourseId = course.Id, SelfRepresentation = course.Marker }, cancellationToken: Cancel);

        var refusal = await Refusal.Of(() => client.ShareIpafAsync(new() { CourseId = course.Id, Version = 1 }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition);
        refusal.Status.Detail.ShouldContain("other_representation");
        refusal.Status.Detail.ShouldContain("defensive_function");
        refusal.Status.Detail.ShouldNotContain(course.Marker);
    }

    [Fact]
    public async Task Steps_out_of_order_are_refused_naming_the_state()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);
        await Refusal.Of(() => client.ShareIpafAsync(new() { CourseId = course.Id, Version = 1 }, cancellationToken: Cancel).ResponseAsync, StatusCode.NotFound);
        await Refusal.Of(() => client.ReviseIpafAsync(new() { CourseId = course.Id, Reason = "why" }, cancellationToken: Cancel).ResponseAsync, StatusCode.FailedPrecondition);

        await client.SaveIpafDraftAsync(Complete(course), cancellationToken: Cancel);
        (await Refusal.Of(() => client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 1, SessionNumber = 4 }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition)).Status.Detail.ShouldContain("Draft");

        await client.ShareIpafAsync(new() { CourseId = course.Id, Version = 1 }, cancellationToken: Cancel);
        (await Refusal.Of(() => client.SaveIpafDraftAsync(Complete(course, "late edit"), cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition)).Status.Detail.ShouldContain("Revise");

        await client.ReviseIpafAsync(new() { CourseId = course.Id, Reason = "patient disagreed" }, cancellationToken: Cancel);
        (await Refusal.Of(() => client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 1, SessionNumber = 4 }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition)).Status.Detail.ShouldContain("version 2");
        await Refusal.Of(() => client.GetIpafAsync(new() { CourseId = course.Id, Version = 3 }, cancellationToken: Cancel).ResponseAsync, StatusCode.NotFound);
    }

    [Fact]
    public async Task A_save_with_a_stale_etag_is_aborted()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);
        var first = (await client.SaveIpafDraftAsync(Complete(course), cancellationToken: Cancel)).Ipaf;
        await client.SaveIpafDraftAsync(Complete(course, "second"), cancellationToken: Cancel);

        var stale = Complete(course, "third");
        stale.Etag = first.Etag;
        await Refusal.Of(() => client.SaveIpafDraftAsync(stale, cancellationToken: Cancel).ResponseAsync, StatusCode.Aborted);
    }

    [Fact]
    public async Task Agreement_details_are_checked()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);
        var refusal = await Refusal.Of(() => client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 0, SessionNumber = 17, AgreedOn = "17/03/2025" }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.InvalidArgument);
        refusal.Fields().ShouldBe(["version", "session_number", "agreed_on"], ignoreOrder: true);

        var future = await Refusal.Of(() => client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 1, SessionNumber = 4, AgreedOn = "2999-01-01" }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.InvalidArgument);
        future.Fields().ShouldBe(["agreed_on"]);
        var tooLong = Complete(course);
        tooLong.DefensiveFunction = new string('x', 4_001);
        (await Refusal.Of(() => client.SaveIpafDraftAsync(tooLong, cancellationToken: Cancel).ResponseAsync, StatusCode.InvalidArgument))
            .Fields().ShouldBe(["defensive_function"]);
    }

    [Fact]
    public async Task The_database_refuses_to_change_a_shared_version()
    {
        var course = await service.CourseAsync();
        var client = service.Client(course.Practitioner);
        await client.SaveIpafDraftAsync(Complete(course), cancellationToken: Cancel);
        await client.ShareIpafAsync(new() { CourseId = course.Id, Version = 1 }, cancellationToken: Cancel);

        var rewrite = await Should.ThrowAsync<Npgsql.PostgresException>(() =>
            service.ExecuteAsync("UPDATE ipaf_versions SET self_representation = 'rewritten' WHERE course_id = $1", course.CourseId));
        rewrite.SqlState.ShouldBe("42501");
        rewrite.MessageText.ShouldNotContain(course.Marker);
        await Should.ThrowAsync<Npgsql.PostgresException>(() => service.ExecuteAsync("DELETE FROM ipaf_versions WHERE course_id = $1", course.CourseId));

        await client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 1, SessionNumber = 4 }, cancellationToken: Cancel);
        await Should.ThrowAsync<Npgsql.PostgresException>(() =>
            service.ExecuteAsync("UPDATE ipaf_versions SET agreed_at_session = 5 WHERE course_id = $1", course.CourseId));
    }
}
