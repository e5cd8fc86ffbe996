using DitCloud.Domain;
using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.Api.Grpc.Validators;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.SessionNotes;
using SessionNote = DitCloud.Formulation.Domain.SessionNotes.SessionNote;
using DitCloud.Formulation.V1;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Formulation.Api.Grpc;

public sealed partial class FormulationApi
{
    /// <summary>
    /// Writes the draft note of an attended session. The session number and phase come from
    /// scheduling's SessionAttended for the appointment, never from the request.
    /// </summary>
    [RequireScope(Scopes.FormulationWrite)]
    public override Task<WriteSessionNoteResponse> WriteSessionNote(WriteSessionNoteRequest request, ServerCallContext context)
    {
        var courseId = IdOf(request.CourseId);
        var appointmentId = IdOf(request.AppointmentId);
        var techniques = request.Techniques.Select(t => ProtoMapping.FromFixedList(t)!.Value).ToList();
        return ChangeRecordsAsync<WriteSessionNoteResponse>(context, courseId, ClinicalRecordKind.SessionNote, nameof(WriteSessionNote), async change =>
        {
            var row = await db.SessionNotes.Include(n => n.Addenda)
                .SingleOrDefaultAsync(n => n.AppointmentId == appointmentId && n.CourseId == courseId, context.CancellationToken);
            if (row is null)
            {
                var attended = await db.AttendedSessions.AsNoTracking()
                    .SingleOrDefaultAsync(s => s.AppointmentId == appointmentId && s.CourseId == courseId, context.CancellationToken)
                    ?? throw DomainException.Precondition(
                        "scheduling has not recorded this appointment of the course as attended; a session note is written once the session's attendance is recorded");
                var note = RequestFields.Named(RequestFields.Note,
                    () => SessionNote.Draft(change.Access, attended.ToDomain(), techniques, request.FocusWork, request.Content, change.Now));
                row = SessionNoteRow.From(appointmentId, note);
                db.SessionNotes.Add(row);
            }
            else
            {
                EnsureEtag(request.Etag, row.Etag, "session note");
                var note = RequestFields.Named(RequestFields.Note,
                    () => row.ToDomain().EditDraft(change.Access, techniques, request.FocusWork, request.Content, change.Now));
                row.Apply(note);
            }

            change.Announce(new WatchFormulationResponse { ChangeType = FormulationChangeType.SessionNoteWritten, SessionNoteId = row.Id.ToString("D") });
            return () => new WriteSessionNoteResponse { SessionNote = ProtoMapping.Note(row, change.CareTeam) };
        }, context.CancellationToken);
    }

    [RequireScope(Scopes.FormulationRead)]
    public override async Task<GetSessionNoteResponse> GetSessionNote(GetSessionNoteRequest request, ServerCallContext context)
    {
        var noteId = IdOf(request.SessionNoteId);
        var row = await db.NoteAsync(noteId, tracked: false, context.CancellationToken) ?? throw NoteNotFound();
        var read = await ReadRecordsAsync(context, row.CourseId, ClinicalRecordKind.SessionNote, nameof(GetSessionNote),
            context.CancellationToken, request.SessionNoteId);
        return new GetSessionNoteResponse { SessionNote = ProtoMapping.Note(row, read.CareTeam) };
    }

    [RequireScope(Scopes.FormulationRead)]
    public override async Task<ListSessionNotesResponse> ListSessionNotes(ListSessionNotesRequest request, ServerCallContext context)
    {
        var courseId = IdOf(request.CourseId);
        var read = await ReadRecordsAsync(context, courseId, ClinicalRecordKind.SessionNote, nameof(ListSessionNotes), context.CancellationToken);
        var pageSize = request.PageSize == 0 ? ListSessionNotesValidator.DefaultPageSize : request.PageSize;
        var after = PageToken.Read(request.PageToken)!.Value;
        var page = await db.SessionNotes.AsNoTracking()
            .Where(n => n.CourseId == courseId && n.SessionNumber > after)
            .OrderBy(n => n.SessionNumber)
            .Take(pageSize + 1)
            .ToListAsync(context.CancellationToken);
        var response = new ListSessionNotesResponse
        {
            SessionNotes = { page.Take(pageSize).Select(row => ProtoMapping.Note(row, read.CareTeam, withAddenda: false)) },
        };
        if (page.Count > pageSize) response.NextPageToken = PageToken.After(page[pageSize - 1].SessionNumber);
        return response;
    }

    /// <summary>
    /// The author signs their draft; on a supervised course the supervisor then countersigns it
    /// with the same call. Signing freezes the note for good.
    /// </summary>
    [RequireScope(Scopes.FormulationWrite)]
    public override Task<SignSessionNoteResponse> SignSessionNote(SignSessionNoteRequest request, ServerCallContext context) =>
        ChangeNoteAsync(context, request.SessionNoteId, nameof(SignSessionNote), FormulationChangeType.SessionNoteSigned, (change, row) =>
        {
            EnsureEtag(request.Etag, row.Etag, "session note");
            var note = row.ToDomain();
            return note.Status == DitCloud.Formulation.Domain.SessionNotes.SessionNoteStatus.Draft || string.Equals(change.Access.UserId, note.AuthorId, StringComparison.Ordinal)
                ? RequestFields.Ready("sign the note", RequestFields.Note, () => note.Sign(change.Access, change.Now))
                : note.Countersign(change.Access, change.CareTeam, change.Now);
        }, row => new SignSessionNoteResponse { SessionNote = row });

    [RequireScope(Scopes.FormulationWrite)]
    public override Task<AddSessionNoteAddendumResponse> AddSessionNoteAddendum(AddSessionNoteAddendumRequest request, ServerCallContext context) =>
        ChangeNoteAsync(context, request.SessionNoteId, nameof(AddSessionNoteAddendum), FormulationChangeType.SessionNoteAddendumAdded,
            (change, row) => row.ToDomain().AddAddendum(change.Access, request.Text, change.Now),
            row => new AddSessionNoteAddendumResponse { SessionNote = row });

    /// <summary>One step on an existing note: find its course, open it for a change, apply the step, store and announce it.</summary>
    private async Task<TResponse> ChangeNoteAsync<TResponse>(
        ServerCallContext context, string sessionNoteId, string method, FormulationChangeType announced,
        Func<Records.ClinicalChange, SessionNoteRow, SessionNote> step, Func<V1.SessionNote, TResponse> respond)
    {
        var noteId = IdOf(sessionNoteId);
        var courseId = await db.SessionNotes.Where(n => n.Id == noteId).Select(n => (Guid?)n.CourseId).SingleOrDefaultAsync(context.CancellationToken)
            ?? throw NoteNotFound();
        return await ChangeRecordsAsync<TResponse>(context, courseId, ClinicalRecordKind.SessionNote, method, async change =>
        {
            var row = await db.NoteAsync(noteId, tracked: true, context.CancellationToken) ?? throw NoteNotFound();
            db.NoteAddenda.AddRange(row.Apply(step(change, row)));
            change.Announce(new WatchFormulationResponse { ChangeType = announced, SessionNoteId = sessionNoteId });
            return () => respond(ProtoMapping.Note(row, change.CareTeam));
        }, context.CancellationToken, sessionNoteId);
    }

    private static DomainException NoteNotFound() =>
        DomainException.NotFound("session_note_id is not a session note; list the course's notes for their ids");
}
