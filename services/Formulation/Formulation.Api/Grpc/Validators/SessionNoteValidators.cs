using DitCloud.Domain;
using DitCloud.Formulation.V1;
using DitCloud.ServiceDefaults.Grpc;

namespace DitCloud.Formulation.Api.Grpc.Validators;

internal sealed class WriteSessionNoteValidator : IRequestValidator<WriteSessionNoteRequest>
{
    public IEnumerable<FieldViolation> Validate(WriteSessionNoteRequest request)
    {
        foreach (var violation in Fields.Uuid("course_id", request.CourseId)) yield return violation;
        foreach (var violation in Fields.Uuid("appointment_id", request.AppointmentId)) yield return violation;
        var seen = new HashSet<Technique>();
        for (var i = 0; i < request.Techniques.Count; i++)
        {
            var technique = request.Techniques[i];
            if (ProtoMapping.FromFixedList(technique) is null)
            {
                yield return new($"techniques[{i}]",
                    $"is not on DIT's fixed list of techniques; use one of {string.Join(", ", ProtoMapping.FixedList.Select(t => t.ToString()))}");
            }
            else if (!seen.Add(technique))
            {
                yield return new($"techniques[{i}]", "repeats an earlier technique; list each technique once");
            }
        }
    }
}

internal sealed class GetSessionNoteValidator : IRequestValidator<GetSessionNoteRequest>
{
    public IEnumerable<FieldViolation> Validate(GetSessionNoteRequest request) => Fields.Uuid("session_note_id", request.SessionNoteId);
}

internal sealed class ListSessionNotesValidator : IRequestValidator<ListSessionNotesRequest>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    public IEnumerable<FieldViolation> Validate(ListSessionNotesRequest request)
    {
        foreach (var violation in Fields.Uuid("course_id", request.CourseId)) yield return violation;
        foreach (var violation in Fields.Between("page_size", request.PageSize, 0, MaxPageSize, $"notes per page, or 0 for {DefaultPageSize}")) yield return violation;
        if (PageToken.Read(request.PageToken) is null)
        {
            yield return new("page_token", "is not a token this service issued; pass next_page_token from the previous page, or empty for the first");
        }
    }
}

internal sealed class SignSessionNoteValidator : IRequestValidator<SignSessionNoteRequest>
{
    public IEnumerable<FieldViolation> Validate(SignSessionNoteRequest request) => Fields.Uuid("session_note_id", request.SessionNoteId);
}

internal sealed class AddSessionNoteAddendumValidator : IRequestValidator<AddSessionNoteAddendumRequest>
{
    public IEnumerable<FieldViolation> Validate(AddSessionNoteAddendumRequest request) => Fields.Uuid("session_note_id", request.SessionNoteId);
}
