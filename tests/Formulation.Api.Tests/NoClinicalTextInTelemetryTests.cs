using DitCloud.Formulation.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DitCloud.Formulation.Api.Tests;

/// <summary>
/// Clinical text goes into the database and back to the care team, nowhere else: every kind of
/// clinical text is written, read, refused and streamed with all logging on, while every span in the
/// process is recorded, and a marker in the text must appear in neither.
/// </summary>
public class NoClinicalTextInTelemetryTests(NoClinicalTextInTelemetryTests.Fixture service) : IClassFixture<NoClinicalTextInTelemetryTests.Fixture>
{
    public sealed class Fixture(DitCloud.Testing.TestServers servers) : FormulationServiceFixture(servers)
    {
        public CapturedLogs Logs { get; } = new();

        /// <summary>Every category at Trace into the captured log (a rule for that provider alone, so the console stays quiet).</summary>
        protected override void ConfigureServices(IServiceCollection services)
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.PostConfigure<LoggerFilterOptions>(filters =>
                filters.Rules.Add(new LoggerFilterRule(typeof(CapturedLogs).FullName, categoryName: null, LogLevel.Trace, filter: null)));
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_marker_in_every_kind_of_clinical_text_reaches_no_log_and_no_span()
    {
        using var spans = new CapturedSpans();
        var course = await service.CourseAsync(attendedSessions: 6, plannedSessions: 8);
        var marker = course.Marker;
        var client = service.Client(course.Practitioner);
        using var watch = client.WatchFormulation(new() { CourseId = course.Id }, cancellationToken: Cancel);
        await watch.ResponseHeadersAsync;

        var relationship = (await client.AddInventoryRelationshipAsync(new()
        {
            CourseId = course.Id,
            Relationship = new() { Kind = RelationshipKind.Partner, Label = $"partner {marker}", Quality = marker, Closeness = 2, Conflict = 4, LinkToPattern = marker },
        }, cancellationToken: Cancel)).Relationship;
        var bad = relationship.Clone();
        bad.Quality = marker + new string('x', 2_000);
        await Refusal.Of(() => client.UpdateInventoryRelationshipAsync(new() { CourseId = course.Id, Relationship = bad }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.InvalidArgument);

        var ipaf = new SaveIpafDraftRequest
        {
            CourseId = course.Id, SelfRepresentation = marker, OtherRepresentation = marker, LinkingAffect = marker,
            LinkingAffectLessConscious = marker, DefensiveFunction = marker, Transference = marker,
        };
        await client.SaveIpafDraftAsync(ipaf, cancellationToken: Cancel);
        await client.ShareIpafAsync(new() { CourseId = course.Id, Version = 1 }, cancellationToken: Cancel);
        await Refusal.Of(() => client.SaveIpafDraftAsync(ipaf, cancellationToken: Cancel).ResponseAsync, StatusCode.FailedPrecondition);
        await client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 1, SessionNumber = 2 }, cancellationToken: Cancel);
        await client.ReviseIpafAsync(new() { CourseId = course.Id, Reason = marker }, cancellationToken: Cancel);

        var note = (await client.WriteSessionNoteAsync(new()
        {
            CourseId = course.Id, AppointmentId = course.AppointmentId(6).ToString(), FocusWork = marker, Content = marker,
            Techniques = { Technique.EndingWork },
        }, cancellationToken: Cancel)).SessionNote;
        await client.SignSessionNoteAsync(new() { SessionNoteId = note.SessionNoteId }, cancellationToken: Cancel);
        await Refusal.Of(() => client.WriteSessionNoteAsync(new()
        {
            CourseId = course.Id, AppointmentId = course.AppointmentId(6).ToString(), Content = marker,
        }, cancellationToken: Cancel).ResponseAsync, StatusCode.FailedPrecondition);
        await client.AddSessionNoteAddendumAsync(new() { SessionNoteId = note.SessionNoteId, Text = marker }, cancellationToken: Cancel);
        await Refusal.Of(() => service.Client(TestCaller.Stranger()).GetSessionNoteAsync(new() { SessionNoteId = note.SessionNoteId }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.PermissionDenied);

        await client.SaveGoodbyeLetterDraftAsync(new() { CourseId = course.Id, ProgressMade = marker, WhatToWatchFor = marker, ManagingSetbacks = marker }, cancellationToken: Cancel);
        await client.IssueGoodbyeLetterAsync(new() { CourseId = course.Id, SessionNumber = 8 }, cancellationToken: Cancel);

        // Everything reads back, so the marker really went through the service...
        (await client.GetGoodbyeLetterAsync(new() { CourseId = course.Id }, cancellationToken: Cancel)).GoodbyeLetter.Content.ShouldContain(marker);
        (await client.GetSessionNoteAsync(new() { SessionNoteId = note.SessionNoteId }, cancellationToken: Cancel)).SessionNote.Addenda[0].Text.ShouldBe(marker);
        (await client.ListIpafVersionsAsync(new() { CourseId = course.Id }, cancellationToken: Cancel)).Versions.Count.ShouldBe(2);
        (await client.GetInterpersonalInventoryAsync(new() { CourseId = course.Id }, cancellationToken: Cancel)).Relationships[0].Quality.ShouldBe(marker);
        (await watch.ResponseStream.MoveNext(Cancel)).ShouldBeTrue();
        await service.Events.ReceivedAsync<DitCloud.Contracts.Events.V1.GoodbyeLetterIssued>(course.CourseId);

        // ...and was seen by the capture, which did record this service's work...
        service.Logs.Entries.ShouldContain(entry => entry.Contains("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        spans.Spans.ShouldContain(span => span.Contains("FormulationService/SaveIpafDraft", StringComparison.Ordinal));
        spans.Spans.ShouldContain(span => span.Contains("INSERT INTO session_notes", StringComparison.Ordinal));

        // ...yet no log entry and no span carries it.
        service.Logs.Entries.Where(entry => entry.Contains(marker, StringComparison.Ordinal)).ShouldBeEmpty();
        spans.Spans.Where(span => span.Contains(marker, StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
