using DitCloud.Domain;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.Scheduling.V1;

namespace DitCloud.Scheduling.Api.Grpc.Validators;

internal sealed class GetCourseValidator : IRequestValidator<GetCourseRequest>
{
    public IEnumerable<FieldViolation> Validate(GetCourseRequest request) => request.LookupCase switch
    {
        GetCourseRequest.LookupOneofCase.CourseId => Fields.Id(request.CourseId, "course_id"),
        GetCourseRequest.LookupOneofCase.ReferralId => Fields.Id(request.ReferralId, "referral_id"),
        _ => [new FieldViolation("course_id", "give course_id or referral_id")],
    };
}

internal sealed class EndCourseValidator : IRequestValidator<EndCourseRequest>
{
    public IEnumerable<FieldViolation> Validate(EndCourseRequest request)
    {
        foreach (var v in Fields.Id(request.CourseId, "course_id")) yield return v;
        foreach (var v in Fields.Enum(request.EndReason, "end_reason")) yield return v;
        if (request.EndReason == CourseEndReason.ReferralWithdrawn)
        {
            yield return new("end_reason", "REFERRAL_WITHDRAWN is set only when the referral service withdraws the referral; choose another reason");
        }

        foreach (var v in Fields.Text(request.Note, "note", 1000, required: false)) yield return v;
    }
}

internal sealed class ListAppointmentsValidator : IRequestValidator<ListAppointmentsRequest>
{
    public IEnumerable<FieldViolation> Validate(ListAppointmentsRequest request)
    {
        if (request.PractitionerId.Length == 0 && request.CourseId.Length == 0)
        {
            yield return new("practitioner_id", "give practitioner_id or course_id (or both)");
        }

        foreach (var v in Fields.Id(request.PractitionerId, "practitioner_id", required: false)) yield return v;
        foreach (var v in Fields.Id(request.CourseId, "course_id", required: false)) yield return v;
        if (request.StartAfter is not null && request.StartBefore is not null && request.StartBefore.ToDateTimeOffset() <= request.StartAfter.ToDateTimeOffset())
        {
            yield return new("start_before", "must be after start_after");
        }

        for (var i = 0; i < request.Statuses.Count; i++)
        {
            foreach (var v in Fields.Enum(request.Statuses[i], $"statuses[{i}]")) yield return v;
        }

        foreach (var v in Fields.Range(request.PageSize, "page_size", 0, 200)) yield return v;
    }
}

internal sealed class WatchDiaryValidator : IRequestValidator<WatchDiaryRequest>
{
    public IEnumerable<FieldViolation> Validate(WatchDiaryRequest request)
    {
        foreach (var v in Fields.Id(request.PractitionerId, "practitioner_id")) yield return v;
        if (request.WindowStart is not null && request.WindowEnd is not null)
        {
            var window = request.WindowEnd.ToDateTimeOffset() - request.WindowStart.ToDateTimeOffset();
            if (window <= TimeSpan.Zero) yield return new("window_end", "must be after window_start");
            else if (window > TimeSpan.FromDays(366)) yield return new("window_end", "must be at most 366 days after window_start");
        }
    }
}
