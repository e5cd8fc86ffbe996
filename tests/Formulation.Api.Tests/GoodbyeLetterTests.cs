using DitCloud.Contracts.Events.V1;
using DitCloud.Formulation.V1;
using Grpc.Core;
using GoodbyeLetterStatus = DitCloud.Formulation.V1.GoodbyeLetterStatus;

namespace DitCloud.Formulation.Api.Tests;

public class GoodbyeLetterTests(GoodbyeLetterTests.Fixture service) : IClassFixture<GoodbyeLetterTests.Fixture>
{
    public sealed class Fixture(DitCloud.Testing.TestServers servers) : FormulationServiceFixture(servers);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>An 8-session course (initial 1-2, middle 3-4, ending 5-8) with its IPAF agreed and the given sessions attended.</summary>
    private async Task<TestCourse> AgreedCourseAsync(int attendedSessions)
    {
        var course = await service.CourseAsync(attendedSessions: attendedSessions, plannedSessions: 8);
        var client = service.Client(course.Practitioner);
        await client.SaveIpafDraftAsync(new SaveIpafDraftRequest
        {
            CourseId = course.Id, SelfRepresentation = $"self {course.Marker}", OtherRepresentation = "other", LinkingAffect = "shame", DefensiveFunction = "withdrawal",
        }, cancellationToken: Cancel);
        await client.ShareIpafAsync(new() { CourseId = course.Id, Version = 1 }, cancellationToken: Cancel);
        await client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 1, SessionNumber = 2 }, cancellationToken: Cancel);
        return course;
    }

    private static SaveGoodbyeLetterDraftRequest Letter(TestCourse course) => new()
    {
        CourseId = course.Id,
        ProgressMade = $"you can say when you feel dismissed {course.Marker}",
        WhatToWatchFor = "withdrawing from friends",
        ManagingSetbacks = "name the feeling, then reach out",
    };

    [Fact]
    public async Task A_letter_is_not_drafted_before_the_ending_phase()
    {
        var course = await AgreedCourseAsync(attendedSessions: 4);

        var refusal = await Refusal.Of(() => service.Client(course.Practitioner).SaveGoodbyeLetterDraftAsync(Letter(course), cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition);
        refusal.Status.Detail.ShouldContain("ending phase");
    }

    [Fact]
    public async Task A_letter_needs_an_agreed_IPAF()
    {
        var course = await service.CourseAsync(attendedSessions: 5, plannedSessions: 8);

        (await Refusal.Of(() => service.Client(course.Practitioner).SaveGoodbyeLetterDraftAsync(Letter(course), cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition)).Status.Detail.ShouldContain("agreed");
    }

    [Fact]
    public async Task The_letter_is_drafted_in_the_ending_phase_quoting_the_IPAF_and_issued_once()
    {
        var course = await AgreedCourseAsync(attendedSessions: 5);
        var client = service.Client(course.Practitioner);

        var draft = (await client.SaveGoodbyeLetterDraftAsync(Letter(course), cancellationToken: Cancel)).GoodbyeLetter;
        draft.Status.ShouldBe(GoodbyeLetterStatus.Draft);
        draft.FormulationVersion.ShouldBe(1);
        draft.Content.ShouldContain($"self {course.Marker}");
        draft.Content.ShouldContain(Letter(course).ManagingSetbacks);

        await Refusal.Of(() => client.IssueGoodbyeLetterAsync(new() { CourseId = course.Id, SessionNumber = 4 }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition);
        await Refusal.Of(() => client.IssueGoodbyeLetterAsync(new() { CourseId = course.Id, SessionNumber = 9 }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.InvalidArgument);

        var issued = (await client.IssueGoodbyeLetterAsync(new() { CourseId = course.Id, SessionNumber = 8, Etag = draft.Etag }, cancellationToken: Cancel)).GoodbyeLetter;
        issued.Status.ShouldBe(GoodbyeLetterStatus.Issued);
        issued.IssuedAtSession.ShouldBe(8);

        var published = await service.Events.ReceivedAsync<GoodbyeLetterIssued>(course.CourseId);
        published.IssuedAtSession.ShouldBe(8);
        published.PractitionerId.ShouldBe(course.PractitionerId);

        await Refusal.Of(() => client.IssueGoodbyeLetterAsync(new() { CourseId = course.Id, SessionNumber = 8 }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition);
        await Refusal.Of(() => client.SaveGoodbyeLetterDraftAsync(Letter(course), cancellationToken: Cancel).ResponseAsync, StatusCode.FailedPrecondition);
        (await client.GetGoodbyeLetterAsync(new() { CourseId = course.Id }, cancellationToken: Cancel)).GoodbyeLetter.ProgressMade.ShouldBe(Letter(course).ProgressMade);
        await Task.Delay(300, Cancel);
        service.Events.ReceivedFor<GoodbyeLetterIssued>(course.CourseId).Count.ShouldBe(1);
        await Should.ThrowAsync<Npgsql.PostgresException>(() =>
            service.ExecuteAsync("UPDATE goodbye_letters SET progress_made = 'rewritten' WHERE course_id = $1", course.CourseId));
    }

    [Fact]
    public async Task An_incomplete_letter_is_not_issued_and_content_is_read_only()
    {
        var course = await AgreedCourseAsync(attendedSessions: 5);
        var client = service.Client(course.Practitioner);
        var partial = Letter(course);
        partial.ManagingSetbacks = "";
        await client.SaveGoodbyeLetterDraftAsync(partial, cancellationToken: Cancel);

        (await Refusal.Of(() => client.IssueGoodbyeLetterAsync(new() { CourseId = course.Id, SessionNumber = 8 }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition)).Status.Detail.ShouldContain("managing_setbacks");

        var withContent = Letter(course);
        withContent.Content = "the whole letter";
        (await Refusal.Of(() => client.SaveGoodbyeLetterDraftAsync(withContent, cancellationToken: Cancel).ResponseAsync, StatusCode.InvalidArgument))
            .Fields().ShouldBe(["content"]);
        await Refusal.Of(() => client.GetGoodbyeLetterAsync(new() { CourseId = Guid.NewGuid().ToString() }, cancellationToken: Cancel).ResponseAsync, StatusCode.NotFound);
    }
}
