using DitCloud.Formulation.V1;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;

namespace DitCloud.Formulation.Api.Tests;

/// <summary>Clinical text is open to the course's practitioner and their supervisor only, and every attempt is audited.</summary>
public class AccessTests(AccessTests.Fixture service) : IClassFixture<AccessTests.Fixture>
{
    public sealed class Fixture(DitCloud.Testing.TestServers servers) : FormulationServiceFixture(servers);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(TestCourse Course, string NoteId)> CourseWithRecordsAsync()
    {
        var course = await service.CourseAsync(attendedSessions: 1);
        var client = service.Client(course.Practitioner);
        await client.SaveIpafDraftAsync(new SaveIpafDraftRequest { CourseId = course.Id, SelfRepresentation = course.Marker }, cancellationToken: Cancel);
        var note = (await client.WriteSessionNoteAsync(new()
        {
            CourseId = course.Id, AppointmentId = course.AppointmentId(1).ToString(), Content = course.Marker,
        }, cancellationToken: Cancel)).SessionNote;
        return (course, note.SessionNoteId);
    }

    /// <summary>Every read and write of the API, as one caller.</summary>
    private IEnumerable<(string Name, Func<Task> Call)> EveryCall(TestCaller caller, TestCourse course, string noteId)
    {
        var client = service.Client(caller);
        yield return ("GetInterpersonalInventory", () => client.GetInterpersonalInventoryAsync(new() { CourseId = course.Id }, cancellationToken: Cancel).ResponseAsync);
        yield return ("GetIpaf", () => client.GetIpafAsync(new() { CourseId = course.Id }, cancellationToken: Cancel).ResponseAsync);
        yield return ("ListIpafVersions", () => client.ListIpafVersionsAsync(new() { CourseId = course.Id }, cancellationToken: Cancel).ResponseAsync);
        yield return ("GetSessionNote", () => client.GetSessionNoteAsync(new() { SessionNoteId = noteId }, cancellationToken: Cancel).ResponseAsync);
        yield return ("ListSessionNotes", () => client.ListSessionNotesAsync(new() { CourseId = course.Id }, cancellationToken: Cancel).ResponseAsync);
        yield return ("GetGoodbyeLetter", () => client.GetGoodbyeLetterAsync(new() { CourseId = course.Id }, cancellationToken: Cancel).ResponseAsync);
        yield return ("SaveIpafDraft", () => client.SaveIpafDraftAsync(new SaveIpafDraftRequest { CourseId = course.Id, SelfRepresentation = "intruder" }, cancellationToken: Cancel).ResponseAsync);
        yield return ("AddInventoryRelationship", () => client.AddInventoryRelationshipAsync(new()
        {
            CourseId = course.Id,
            Relationship = new() { Kind = RelationshipKind.Friend, Label = "friend", Quality = "q", Closeness = 1, Conflict = 1 },
        }, cancellationToken: Cancel).ResponseAsync);
        yield return ("SignSessionNote", () => client.SignSessionNoteAsync(new() { SessionNoteId = noteId }, cancellationToken: Cancel).ResponseAsync);
        yield return ("AddSessionNoteAddendum", () => client.AddSessionNoteAddendumAsync(new() { SessionNoteId = noteId, Text = "intruder" }, cancellationToken: Cancel).ResponseAsync);
    }

    [Fact]
    public async Task Another_practitioner_is_refused_everything_and_each_refusal_is_audited()
    {
        var (course, noteId) = await CourseWithRecordsAsync();
        var stranger = TestCaller.Stranger();

        foreach (var (name, call) in EveryCall(stranger, course, noteId))
        {
            var refusal = await Refusal.Of(call, StatusCode.PermissionDenied);
            refusal.Status.Detail.ShouldNotContain(course.Marker, customMessage: name);
        }

        var refusals = await service.ScalarAsync<long>(
            "SELECT count(*) FROM audit_records WHERE actor_id = $1 AND detail LIKE '% refused: PermissionDenied'", stranger.Id);
        refusals.ShouldBe(10);
        (await service.ScalarAsync<long>("SELECT count(DISTINCT patient_reference) FROM audit_records WHERE actor_id = $1", stranger.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task An_administrator_and_a_partner_system_are_refused_too()
    {
        var (course, noteId) = await CourseWithRecordsAsync();

        foreach (var caller in new[] { TestCaller.Admin(), TestCaller.Partner(course.PractitionerId.ToString()) })
        {
            foreach (var (_, call) in EveryCall(caller, course, noteId).Take(4)) await Refusal.Of(call, StatusCode.PermissionDenied);
        }
    }

    [Fact]
    public async Task The_supervisor_reads_everything_and_each_read_is_audited_before_the_answer()
    {
        var (course, noteId) = await CourseWithRecordsAsync();
        var client = service.Client(course.Supervisor);

        (await client.GetIpafAsync(new() { CourseId = course.Id }, cancellationToken: Cancel)).Ipaf.SelfRepresentation.ShouldBe(course.Marker);
        (await client.GetSessionNoteAsync(new() { SessionNoteId = noteId }, cancellationToken: Cancel)).SessionNote.Content.ShouldBe(course.Marker);
        await client.ListSessionNotesAsync(new() { CourseId = course.Id }, cancellationToken: Cancel);
        await client.GetInterpersonalInventoryAsync(new() { CourseId = course.Id }, cancellationToken: Cancel);

        var reads = await service.ScalarAsync<string[]>(
            "SELECT array_agg(detail || ' ' || resource_type ORDER BY id) FROM audit_records WHERE actor_id = $1 AND action = 'Read' AND patient_reference = $2",
            course.SupervisorId!.Value.ToString(), course.PatientReference);
        reads.ShouldBe(["GetIpaf ipaf", "GetSessionNote session-note", "ListSessionNotes session-note", "GetInterpersonalInventory interpersonal-inventory"]);
    }

    [Fact]
    public async Task Every_change_is_audited_with_the_change()
    {
        var (course, _) = await CourseWithRecordsAsync();

        var changes = await service.ScalarAsync<string[]>(
            "SELECT array_agg(detail ORDER BY id) FROM audit_records WHERE actor_id = $1 AND action = 'Change'", course.PractitionerId.ToString());
        changes.ShouldBe(["SaveIpafDraft", "WriteSessionNote"]);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated_and_one_without_the_scope_is_denied()
    {
        var course = await service.CourseAsync();
        var anonymous = new FormulationService.FormulationServiceClient(service.Host.Channel);
        await Refusal.Of(() => anonymous.GetIpafAsync(new() { CourseId = course.Id }, cancellationToken: Cancel).ResponseAsync, StatusCode.Unauthenticated);

        var readOnly = service.Client(TestCaller.Clinician(course.PractitionerId, Scopes.FormulationRead));
        (await Refusal.Of(() => readOnly.SaveIpafDraftAsync(new SaveIpafDraftRequest { CourseId = course.Id }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.PermissionDenied)).Status.Detail.ShouldContain(Scopes.FormulationWrite);
    }

    [Fact]
    public async Task A_care_team_cannot_reach_another_courses_note_through_its_own_course()
    {
        var (other, otherNoteId) = await CourseWithRecordsAsync();
        var course = await service.CourseAsync(attendedSessions: 1);

        await Refusal.Of(() => service.Client(course.Practitioner).WriteSessionNoteAsync(new()
        {
            CourseId = course.Id, AppointmentId = other.AppointmentId(1).ToString(), Content = "overwritten",
        }, cancellationToken: Cancel).ResponseAsync, StatusCode.FailedPrecondition);

        (await service.Client(other.Practitioner).GetSessionNoteAsync(new() { SessionNoteId = otherNoteId }, cancellationToken: Cancel))
            .SessionNote.Content.ShouldBe(other.Marker);
    }

    [Fact]
    public async Task An_unknown_course_is_not_found()
    {
        var refusal = await Refusal.Of(() => service.Client(TestCaller.Stranger()).GetIpafAsync(new() { CourseId = Guid.NewGuid().ToString() }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.NotFound);
        refusal.Status.Detail.ShouldContain("course_id");
    }
}
