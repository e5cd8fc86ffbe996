using DitCloud.Formulation.V1;
using Grpc.Core;

namespace DitCloud.Formulation.Api.Tests;

/// <summary>The live stream of changes, across replicas (Redis pub/sub), ids only.</summary>
public class WatchTests(WatchTests.Fixture service) : IClassFixture<WatchTests.Fixture>
{
    public sealed class Fixture(DitCloud.Testing.TestServers servers) : FormulationServiceFixture(servers)
    {
        public DitCloud.Testing.ServiceHost Second { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Second = await StartReplicaAsync();
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<WatchFormulationResponse> NextAsync(AsyncServerStreamingCall<WatchFormulationResponse> watch)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        (await watch.ResponseStream.MoveNext(timeout.Token)).ShouldBeTrue();
        return watch.ResponseStream.Current;
    }

    [Fact]
    public async Task A_watcher_on_one_replica_sees_changes_made_on_another_as_ids_only()
    {
        var course = await service.CourseAsync(attendedSessions: 1);
        using var watch = service.Client(course.Supervisor, service.Second).WatchFormulation(new() { CourseId = course.Id }, cancellationToken: Cancel);
        await watch.ResponseHeadersAsync;

        var client = service.Client(course.Practitioner, service.Host);
        await client.SaveIpafDraftAsync(new SaveIpafDraftRequest { CourseId = course.Id, SelfRepresentation = course.Marker }, cancellationToken: Cancel);
        var note = (await client.WriteSessionNoteAsync(new()
        {
            CourseId = course.Id, AppointmentId = course.AppointmentId(1).ToString(), Content = course.Marker,
        }, cancellationToken: Cancel)).SessionNote;

        var draftSaved = await NextAsync(watch);
        draftSaved.ChangeType.ShouldBe(FormulationChangeType.IpafDraftSaved);
        draftSaved.CourseId.ShouldBe(course.Id);
        draftSaved.IpafVersion.ShouldBe(1);
        var noteWritten = await NextAsync(watch);
        noteWritten.ChangeType.ShouldBe(FormulationChangeType.SessionNoteWritten);
        noteWritten.SessionNoteId.ShouldBe(note.SessionNoteId);
        noteWritten.ToString().ShouldNotContain(course.Marker);
    }

    [Fact]
    public async Task A_supervisor_watching_their_caseload_hears_of_their_trainees_courses_and_nothing_else()
    {
        var course = await service.CourseAsync();
        var other = await service.CourseAsync();
        using var watch = service.Client(course.Supervisor).WatchFormulation(new() { PractitionerId = course.SupervisorId.ToString() }, cancellationToken: Cancel);
        await watch.ResponseHeadersAsync;

        await service.Client(other.Practitioner).SaveIpafDraftAsync(new SaveIpafDraftRequest { CourseId = other.Id }, cancellationToken: Cancel);
        await service.Client(course.Practitioner, service.Second).SaveIpafDraftAsync(new SaveIpafDraftRequest { CourseId = course.Id }, cancellationToken: Cancel);

        (await NextAsync(watch)).CourseId.ShouldBe(course.Id);
    }

    [Fact]
    public async Task An_overdue_formulation_is_streamed_too()
    {
        var course = await service.CourseAsync(attendedSessions: 4);
        using var watch = service.Client(course.Practitioner).WatchFormulation(new() { CourseId = course.Id }, cancellationToken: Cancel);
        await watch.ResponseHeadersAsync;

        await service.Events.PublishAsync(course.Attended(5));

        (await NextAsync(watch)).ChangeType.ShouldBe(FormulationChangeType.FormulationOverdue);
    }

    [Fact]
    public async Task Nobody_watches_another_practitioners_caseload_or_a_course_outside_their_care_team()
    {
        var course = await service.CourseAsync();
        var stranger = TestCaller.Stranger();

        using var caseload = service.Client(stranger).WatchFormulation(new() { PractitionerId = course.PractitionerId.ToString() }, cancellationToken: Cancel);
        await Refusal.Of(() => caseload.ResponseStream.MoveNext(Cancel), StatusCode.PermissionDenied);
        using var other = service.Client(stranger).WatchFormulation(new() { CourseId = course.Id }, cancellationToken: Cancel);
        await Refusal.Of(() => other.ResponseStream.MoveNext(Cancel), StatusCode.PermissionDenied);
        using var both = service.Client(stranger).WatchFormulation(new() { CourseId = course.Id, PractitionerId = stranger.Id }, cancellationToken: Cancel);
        (await Refusal.Of(() => both.ResponseStream.MoveNext(Cancel), StatusCode.InvalidArgument)).Fields().ShouldBe(["course_id"]);
    }
}
