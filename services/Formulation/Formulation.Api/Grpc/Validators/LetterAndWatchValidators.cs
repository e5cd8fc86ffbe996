using DitCloud.Domain;
using DitCloud.Formulation.V1;
using DitCloud.ServiceDefaults.Grpc;

namespace DitCloud.Formulation.Api.Grpc.Validators;

internal sealed class SaveGoodbyeLetterDraftValidator : IRequestValidator<SaveGoodbyeLetterDraftRequest>
{
    public IEnumerable<FieldViolation> Validate(SaveGoodbyeLetterDraftRequest request)
    {
        foreach (var violation in Fields.Uuid("course_id", request.CourseId)) yield return violation;
        if (request.Content.Length > 0)
        {
            yield return new("content", "is the letter as rendered and cannot be written; leave it empty and write progress_made, what_to_watch_for and managing_setbacks");
        }
    }
}

internal sealed class GetGoodbyeLetterValidator : IRequestValidator<GetGoodbyeLetterRequest>
{
    public IEnumerable<FieldViolation> Validate(GetGoodbyeLetterRequest request) => Fields.Uuid("course_id", request.CourseId);
}

internal sealed class IssueGoodbyeLetterValidator : IRequestValidator<IssueGoodbyeLetterRequest>
{
    public IEnumerable<FieldViolation> Validate(IssueGoodbyeLetterRequest request) =>
        Fields.Uuid("course_id", request.CourseId)
            .Concat(Fields.AtLeast("session_number", request.SessionNumber, 1, "the ending-phase session at which the letter is given"));
}

internal sealed class WatchFormulationValidator : IRequestValidator<WatchFormulationRequest>
{
    public IEnumerable<FieldViolation> Validate(WatchFormulationRequest request)
    {
        var byCourse = request.CourseId.Length > 0;
        var byPractitioner = request.PractitionerId.Length > 0;
        if (byCourse == byPractitioner)
        {
            yield return new("course_id", "set exactly one of course_id (watch one course) and practitioner_id (watch your own caseload)");
            yield break;
        }

        var checks = byCourse ? Fields.Uuid("course_id", request.CourseId) : Fields.Uuid("practitioner_id", request.PractitionerId);
        foreach (var violation in checks) yield return violation;
    }
}
