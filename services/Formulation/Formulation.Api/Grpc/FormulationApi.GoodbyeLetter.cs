using DitCloud.Contracts.Events.V1;
using DitCloud.Domain;
using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.GoodbyeLetters;
using GoodbyeLetter = DitCloud.Formulation.Domain.GoodbyeLetters.GoodbyeLetter;
using TherapyPhase = DitCloud.Formulation.Domain.Phases.TherapyPhase;
using DitCloud.Formulation.V1;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Formulation.Api.Grpc;

public sealed partial class FormulationApi
{
    /// <summary>
    /// Drafts the letter (in the ending phase, quoting the newest agreed IPAF) or replaces the
    /// draft's sections. The course's phase is that of its latest attended session.
    /// </summary>
    [RequireScope(Scopes.FormulationWrite)]
    public override Task<SaveGoodbyeLetterDraftResponse> SaveGoodbyeLetterDraft(SaveGoodbyeLetterDraftRequest request, ServerCallContext context)
    {
        var courseId = IdOf(request.CourseId);
        var content = new GoodbyeLetterContent(request.ProgressMade, request.WhatToWatchFor, request.ManagingSetbacks);
        return ChangeRecordsAsync<SaveGoodbyeLetterDraftResponse>(context, courseId, ClinicalRecordKind.GoodbyeLetter, nameof(SaveGoodbyeLetterDraft), async change =>
        {
            var row = await db.GoodbyeLetters.SingleOrDefaultAsync(l => l.CourseId == courseId, context.CancellationToken);
            if (row is null)
            {
                var latest = (await db.AttendedSessionsAsync(courseId, context.CancellationToken)).LastOrDefault()
                    ?? throw DomainException.Precondition("no session of this course has been attended yet; a goodbye letter is drafted in the ending phase");
                var (formulation, _) = await db.FormulationAsync(change.Course, tracked: false, context.CancellationToken);
                var letter = RequestFields.Named(RequestFields.Letter, () => GoodbyeLetter.Draft(change.Access, latest.Phase, formulation, content, change.Now));
                row = GoodbyeLetterRow.From(letter);
                db.GoodbyeLetters.Add(row);
            }
            else
            {
                EnsureEtag(request.Etag, row.Etag, "goodbye letter");
                row.Apply(RequestFields.Named(RequestFields.Letter, () => row.ToDomain().EditDraft(change.Access, content, change.Now)));
            }

            change.Announce(new WatchFormulationResponse { ChangeType = FormulationChangeType.GoodbyeLetterDraftSaved });
            return () => new SaveGoodbyeLetterDraftResponse { GoodbyeLetter = ProtoMapping.Letter(row) };
        }, context.CancellationToken);
    }

    [RequireScope(Scopes.FormulationRead)]
    public override async Task<GetGoodbyeLetterResponse> GetGoodbyeLetter(GetGoodbyeLetterRequest request, ServerCallContext context)
    {
        var courseId = IdOf(request.CourseId);
        await ReadRecordsAsync(context, courseId, ClinicalRecordKind.GoodbyeLetter, nameof(GetGoodbyeLetter), context.CancellationToken);
        var row = await db.GoodbyeLetters.AsNoTracking().SingleOrDefaultAsync(l => l.CourseId == courseId, context.CancellationToken)
            ?? throw LetterNotFound();
        return new GetGoodbyeLetterResponse { GoodbyeLetter = ProtoMapping.Letter(row) };
    }

    /// <summary>Issues the letter once, at a session of the ending phase, and publishes GoodbyeLetterIssued.</summary>
    [RequireScope(Scopes.FormulationWrite)]
    public override Task<IssueGoodbyeLetterResponse> IssueGoodbyeLetter(IssueGoodbyeLetterRequest request, ServerCallContext context)
    {
        var courseId = IdOf(request.CourseId);
        return ChangeRecordsAsync<IssueGoodbyeLetterResponse>(context, courseId, ClinicalRecordKind.GoodbyeLetter, nameof(IssueGoodbyeLetter), async change =>
        {
            var row = await db.GoodbyeLetters.SingleOrDefaultAsync(l => l.CourseId == courseId, context.CancellationToken) ?? throw LetterNotFound();
            EnsureEtag(request.Etag, row.Etag, "goodbye letter");
            var phase = await PhaseOfSessionAsync(change.Course, request.SessionNumber, context.CancellationToken);
            var issued = RequestFields.Ready("issue the goodbye letter", RequestFields.Letter,
                () => row.ToDomain().Issue(change.Access, request.SessionNumber, phase, change.Now));
            row.Apply(issued.State);
            change.Publish(new GoodbyeLetterIssued(Guid.CreateVersion7(), change.Now, courseId, request.SessionNumber, change.ActorPractitionerId));
            change.Announce(new WatchFormulationResponse { ChangeType = FormulationChangeType.GoodbyeLetterIssued });
            return () => new IssueGoodbyeLetterResponse { GoodbyeLetter = ProtoMapping.Letter(row) };
        }, context.CancellationToken);
    }

    /// <summary>
    /// The phase of a session number: from the course plan scheduling reported, or, before that has
    /// arrived, from the session's own attendance record.
    /// </summary>
    private async Task<TherapyPhase> PhaseOfSessionAsync(CourseRow course, int sessionNumber, CancellationToken cancellationToken)
    {
        if (course.PhasePlan() is { } plan) return plan.PhaseOf(sessionNumber);
        var attended = await db.AttendedSessions.AsNoTracking()
            .Where(s => s.CourseId == course.CourseId && s.SessionNumber == sessionNumber)
            .OrderBy(s => s.SessionStartedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return attended?.Phase ?? throw DomainException.Precondition(
            "the phase of this session is not known yet: scheduling has not reported the course plan or the session's attendance; retry shortly");
    }

    private static DomainException LetterNotFound() =>
        DomainException.NotFound("no goodbye letter has been drafted for this course yet; draft one with SaveGoodbyeLetterDraft");
}
