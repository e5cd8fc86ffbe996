using DitCloud.Domain;
using DitCloud.Outcomes.V1;
using DitCloud.ServiceDefaults.Grpc;

namespace DitCloud.Outcomes.Api.Grpc;

// The shape of each request: ids, required fields, enum values, dates, page sizes. The clinical
// rules (item counts and ranges, sessions attended, periods, reasons) are the domain's and report
// through the same INVALID_ARGUMENT details.

public sealed class RecordMeasuresValidator : IRequestValidator<RecordMeasuresRequest>
{
    public IEnumerable<FieldViolation> Validate(RecordMeasuresRequest request) =>
        Fields.Id(request.RequestId, "request_id")
            .Concat(Fields.Id(request.CourseId, "course_id"))
            .Concat(Fields.Defined(request.Occasion, "occasion", required: true))
            .Concat(Fields.Required(request.MeasureTime, "measure_time"));
}

public sealed class AmendMeasuresValidator : IRequestValidator<AmendMeasuresRequest>
{
    public IEnumerable<FieldViolation> Validate(AmendMeasuresRequest request) =>
        Fields.Id(request.RequestId, "request_id")
            .Concat(Fields.Id(request.MeasureSetId, "measure_set_id"))
            .Concat(Fields.Required(request.MeasureTime, "measure_time"));
}

public sealed class GetMeasureSetHistoryValidator : IRequestValidator<GetMeasureSetHistoryRequest>
{
    public IEnumerable<FieldViolation> Validate(GetMeasureSetHistoryRequest request) => Fields.Id(request.MeasureSetId, "measure_set_id");
}

public sealed class GetCourseOutcomeValidator : IRequestValidator<GetCourseOutcomeRequest>
{
    public IEnumerable<FieldViolation> Validate(GetCourseOutcomeRequest request) => Fields.Id(request.CourseId, "course_id");
}

public sealed class GetTrajectoryValidator : IRequestValidator<GetTrajectoryRequest>
{
    public IEnumerable<FieldViolation> Validate(GetTrajectoryRequest request) => Fields.Id(request.CourseId, "course_id");
}

public sealed class ListRiskFlagsValidator : IRequestValidator<ListRiskFlagsRequest>
{
    public IEnumerable<FieldViolation> Validate(ListRiskFlagsRequest request) =>
        Fields.Id(request.CourseId, "course_id", required: false)
            .Concat(Fields.Defined(request.Status, "status", required: false))
            .Concat(Fields.PageSize(request.PageSize, PageTokens.MaxSize));
}

public sealed class AcknowledgeRiskFlagValidator : IRequestValidator<AcknowledgeRiskFlagRequest>
{
    public IEnumerable<FieldViolation> Validate(AcknowledgeRiskFlagRequest request) =>
        Fields.Id(request.RiskFlagId, "risk_flag_id")
            .Concat(Fields.Defined(request.Action, "action", required: true));
}

public sealed class GetKpisValidator : IRequestValidator<GetKpisRequest>
{
    public IEnumerable<FieldViolation> Validate(GetKpisRequest request) =>
        Fields.Date(request.StartDate, "start_date")
            .Concat(Fields.Date(request.EndDate, "end_date"))
            .Concat(Fields.Id(request.PractitionerId, "practitioner_id", required: false));
}

public sealed class WatchKpisValidator : IRequestValidator<WatchKpisRequest>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    public IEnumerable<FieldViolation> Validate(WatchKpisRequest request)
    {
        var violations = Fields.Date(request.StartDate, "start_date")
            .Concat(Fields.Date(request.EndDate, "end_date"))
            .Concat(Fields.Id(request.PractitionerId, "practitioner_id", required: false))
            .ToList();
        if (request.MinInterval is { } interval && !InRange(interval))
        {
            violations.Add(new("min_interval", "min_interval must be 1 second to 1 hour, or absent for 10 seconds"));
        }

        return violations;
    }

    private static bool InRange(Google.Protobuf.WellKnownTypes.Duration interval)
    {
        if (interval.Nanos is < 0 or >= 1_000_000_000) return false;
        var seconds = interval.Seconds + interval.Nanos / 1e9;
        return seconds >= MinInterval.TotalSeconds && seconds <= MaxInterval.TotalSeconds;
    }
}

public sealed class ListMeasureGapsValidator : IRequestValidator<ListMeasureGapsRequest>
{
    public IEnumerable<FieldViolation> Validate(ListMeasureGapsRequest request) =>
        Fields.Id(request.PractitionerId, "practitioner_id", required: false)
            .Concat(Fields.PageSize(request.PageSize, PageTokens.MaxSize));
}
