using DitCloud.Formulation.V1;
using Grpc.Core;

namespace DitCloud.Formulation.Api.Tests;

public class SessionNoteTests(SessionNoteTests.Fixture service) : IClassFixture<SessionNoteTests.Fixture>
{
    public sealed class Fixture(DitCloud.Testing.TestServers servers) : FormulationServiceFixture(servers);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static WriteSessionNoteRequest Note(TestCourse course, int session, string text = "") => new()
    {
        CourseId = course.Id,
        AppointmentId = course.AppointmentId(session).ToString(),
        Techniques = { Technique.NamingEmotions, Technique.HereAndNow },
        FocusWork = $"linked the row with her manager to the IPAF {course.Marker}",
        Content = text.Length > 0 ? text : $"she spoke of feeling dismissed {course.Marker}",
    };

    [Fact]
    public async Task A_note_takes_its_session_number_and_phase_from_scheduling()
    {
        var course = await service.CourseAsync(attendedSessions: 6);

        var note = (await service.Client(course.Practitioner).WriteSessionNoteAsync(Note(course, 6), cancellationToken: Cancel)).SessionNote;

        note.SessionNumber.ShouldBe(6);
        note.Phase.ShouldBe(TherapyPhase.Middle);
        note.Status.ShouldBe(SessionNoteStatus.Draft);
        note.Techniques.ShouldBe([Technique.HereAndNow, Technique.NamingEmotions]);
        note.AuthorPractitionerId.ShouldBe(course.PractitionerId.ToString());
    }

    [Fact]
    public async Task A_note_is_written_only_for_an_attended_session()
    {
        var course = await service.CourseAsync(attendedSessions: 1);

        var refusal = await Refusal.Of(() => service.Client(course.Practitioner).WriteSessionNoteAsync(Note(course, 2), cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition);
        refusal.Status.Detail.ShouldContain("attended");
    }

    [Fact]
    public async Task Techniques_come_from_the_fixed_list_once_each()
    {
        var course = await service.CourseAsync(attendedSessions: 1);
        var request = Note(course, 1);
        request.Techniques.Add((Technique)7); // TECHNIQUE_SUPPORTIVE: kept in the proto, off the fixed list
        request.Techniques.Add(Technique.NamingEmotions);
        request.Techniques.Add(Technique.Unspecified);

        var refusal = await Refusal.Of(() => service.Client(course.Practitioner).WriteSessionNoteAsync(request, cancellationToken: Cancel).ResponseAsync,
            StatusCode.InvalidArgument);
        refusal.Fields().ShouldBe(["techniques[2]", "techniques[3]", "techniques[4]"]);
        refusal.Status.Detail.ShouldContain("RolePlay");
    }

    [Fact]
    public async Task A_signed_note_never_changes_and_corrections_are_addenda()
    {
        var course = await service.CourseAsync(supervised: false, attendedSessions: 2);
        var client = service.Client(course.Practitioner);
        var draft = (await client.WriteSessionNoteAsync(Note(course, 2, "first draft"), cancellationToken: Cancel)).SessionNote;
        var edited = Note(course, 2);
        edited.Etag = draft.Etag;
        draft = (await client.WriteSessionNoteAsync(edited, cancellationToken: Cancel)).SessionNote;

        var signed = (await client.SignSessionNoteAsync(new() { SessionNoteId = draft.SessionNoteId, Etag = draft.Etag }, cancellationToken: Cancel)).SessionNote;
        signed.Status.ShouldBe(SessionNoteStatus.Signed);
        signed.SignTime.ShouldNotBeNull();

        var edit = await Refusal.Of(() => client.WriteSessionNoteAsync(Note(course, 2, "changed my mind"), cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition);
        edit.Status.Detail.ShouldContain("Signed");
        await Refusal.Of(() => client.SignSessionNoteAsync(new() { SessionNoteId = draft.SessionNoteId }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition);

        await client.AddSessionNoteAddendumAsync(new() { SessionNoteId = draft.SessionNoteId, Text = $"correction: it was her sister {course.Marker}" }, cancellationToken: Cancel);
        var withAddenda = (await client.AddSessionNoteAddendumAsync(new() { SessionNoteId = draft.SessionNoteId, Text = "second addendum" }, cancellationToken: Cancel)).SessionNote;

        withAddenda.Content.ShouldBe(edited.Content);
        withAddenda.Addenda.Select(a => a.Text).ShouldBe([$"correction: it was her sister {course.Marker}", "second addendum"]);
        var read = (await client.GetSessionNoteAsync(new() { SessionNoteId = draft.SessionNoteId }, cancellationToken: Cancel)).SessionNote;
        read.Content.ShouldBe(edited.Content);
        read.Addenda.Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_addendum_is_for_a_signed_note_only()
    {
        var course = await service.CourseAsync(attendedSessions: 1);
        var client = service.Client(course.Practitioner);
        var draft = (await client.WriteSessionNoteAsync(Note(course, 1), cancellationToken: Cancel)).SessionNote;

        await Refusal.Of(() => client.AddSessionNoteAddendumAsync(new() { SessionNoteId = draft.SessionNoteId, Text = "too early" }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task A_trainees_note_awaits_the_supervisors_countersignature()
    {
        var course = await service.CourseAsync(attendedSessions: 3);
        var draft = (await service.Client(course.Practitioner).WriteSessionNoteAsync(Note(course, 3), cancellationToken: Cancel)).SessionNote;

        await Refusal.Of(() => service.Client(course.Supervisor).SignSessionNoteAsync(new() { SessionNoteId = draft.SessionNoteId }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.PermissionDenied);
        var signed = (await service.Client(course.Practitioner).SignSessionNoteAsync(new() { SessionNoteId = draft.SessionNoteId }, cancellationToken: Cancel)).SessionNote;
        signed.Status.ShouldBe(SessionNoteStatus.AwaitingCountersignature);

        var countersigned = (await service.Client(course.Supervisor).SignSessionNoteAsync(new() { SessionNoteId = draft.SessionNoteId }, cancellationToken: Cancel)).SessionNote;
        countersigned.Status.ShouldBe(SessionNoteStatus.Signed);
        countersigned.CountersignedByPractitionerId.ShouldBe(course.SupervisorId.ToString());
        countersigned.Content.ShouldBe(signed.Content);
        await Refusal.Of(() => service.Client(course.Supervisor).SignSessionNoteAsync(new() { SessionNoteId = draft.SessionNoteId }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task Only_the_author_edits_a_draft()
    {
        var course = await service.CourseAsync(attendedSessions: 1);
        await service.Client(course.Practitioner).WriteSessionNoteAsync(Note(course, 1), cancellationToken: Cancel);

        await Refusal.Of(() => service.Client(course.Supervisor).WriteSessionNoteAsync(Note(course, 1, "supervisor's version"), cancellationToken: Cancel).ResponseAsync,
            StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Notes_are_listed_by_session_in_pages_without_addenda()
    {
        var course = await service.CourseAsync(supervised: false, attendedSessions: 5);
        var client = service.Client(course.Practitioner);
        foreach (var session in new[] { 3, 1, 5, 2, 4 })
        {
            var note = (await client.WriteSessionNoteAsync(Note(course, session), cancellationToken: Cancel)).SessionNote;
            await client.SignSessionNoteAsync(new() { SessionNoteId = note.SessionNoteId }, cancellationToken: Cancel);
            await client.AddSessionNoteAddendumAsync(new() { SessionNoteId = note.SessionNoteId, Text = "later" }, cancellationToken: Cancel);
        }

        var first = await client.ListSessionNotesAsync(new() { CourseId = course.Id, PageSize = 2 }, cancellationToken: Cancel);
        var second = await client.ListSessionNotesAsync(new() { CourseId = course.Id, PageSize = 2, PageToken = first.NextPageToken }, cancellationToken: Cancel);
        var third = await client.ListSessionNotesAsync(new() { CourseId = course.Id, PageSize = 2, PageToken = second.NextPageToken }, cancellationToken: Cancel);

        first.SessionNotes.Concat(second.SessionNotes).Concat(third.SessionNotes).Select(n => n.SessionNumber).ShouldBe([1, 2, 3, 4, 5]);
        third.NextPageToken.ShouldBeEmpty();
        first.SessionNotes.ShouldAllBe(n => n.Addenda.Count == 0);
        (await Refusal.Of(() => client.ListSessionNotesAsync(new() { CourseId = course.Id, PageToken = "not-a-token" }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.InvalidArgument)).Fields().ShouldBe(["page_token"]);
    }

    [Fact]
    public async Task The_database_refuses_to_change_a_signed_note_or_an_addendum()
    {
        var course = await service.CourseAsync(supervised: false, attendedSessions: 1);
        var client = service.Client(course.Practitioner);
        var note = (await client.WriteSessionNoteAsync(Note(course, 1), cancellationToken: Cancel)).SessionNote;
        await client.SignSessionNoteAsync(new() { SessionNoteId = note.SessionNoteId }, cancellationToken: Cancel);
        await client.AddSessionNoteAddendumAsync(new() { SessionNoteId = note.SessionNoteId, Text = "addendum" }, cancellationToken: Cancel);

        var rewrite = await Should.ThrowAsync<Npgsql.PostgresException>(() =>
            service.ExecuteAsync("UPDATE session_notes SET text = 'rewritten' WHERE course_id = $1", course.CourseId));
        rewrite.SqlState.ShouldBe("42501");
        await Should.ThrowAsync<Npgsql.PostgresException>(() =>
            service.ExecuteAsync("UPDATE session_note_addenda SET text = 'rewritten' WHERE note_id = $1", Guid.Parse(note.SessionNoteId)));
        await Should.ThrowAsync<Npgsql.PostgresException>(() => service.ExecuteAsync("DELETE FROM session_notes WHERE course_id = $1", course.CourseId));
    }
}
