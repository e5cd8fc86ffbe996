using DitCloud.Domain;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.Scheduling.V1;

namespace DitCloud.Scheduling.Api.Grpc.Validators;

internal sealed class FindSlotsValidator : IRequestValidator<FindSlotsRequest>
{
    public const int MaxWindowDays = 28;

    public IEnumerable<FieldViolation> Validate(FindSlotsRequest request)
    {
        foreach (var v in Fields.Id(request.CourseId, "course_id", required: false)) yield return v;
        foreach (var v in Fields.Id(request.PractitionerId, "practitioner_id", required: false)) yield return v;
        foreach (var v in Fields.Required(request.EarliestStart, "earliest_start")) yield return v;
        foreach (var v in Fields.Required(request.LatestStart, "latest_start")) yield return v;
        if (request.EarliestStart is not null && request.LatestStart is not null)
        {
            var window = request.LatestStart.ToDateTimeOffset() - request.EarliestStart.ToDateTimeOffset();
            if (window < TimeSpan.Zero) yield return new("latest_start", "must not be before earliest_start");
            else if (window > TimeSpan.FromDays(MaxWindowDays)) yield return new("latest_start", $"must be at most {MaxWindowDays} days after earliest_start; search a shorter window");
        }

        foreach (var v in Fields.Minutes(request.Duration, "duration", 30, 60)) yield return v;
        foreach (var v in Fields.Enum(request.DeliveryMode, "delivery_mode", required: false)) yield return v;
        foreach (var v in Fields.Range(request.MaxResults, "max_results", 0, 200)) yield return v;
    }
}

internal sealed class BookAppointmentValidator : IRequestValidator<BookAppointmentRequest>
{
    public IEnumerable<FieldViolation> Validate(BookAppointmentRequest request) =>
    [
        .. Fields.Id(request.RequestId, "request_id"),
        .. Fields.Id(request.CourseId, "course_id"),
        .. Fields.Id(request.PractitionerId, "practitioner_id"),
        .. Fields.Required(request.StartTime, "start_time"),
        .. Fields.Minutes(request.Duration, "duration", 30, 60),
        .. Fields.Enum(request.DeliveryMode, "delivery_mode", required: false),
        .. Fields.Range(request.SessionNumber, "session_number", 0, 16),
    ];
}

internal sealed class RescheduleAppointmentValidator : IRequestValidator<RescheduleAppointmentRequest>
{
    public IEnumerable<FieldViolation> Validate(RescheduleAppointmentRequest request) =>
    [
        .. Fields.Id(request.AppointmentId, "appointment_id"),
        .. Fields.Required(request.StartTime, "start_time"),
        .. Fields.Id(request.PractitionerId, "practitioner_id", required: false),
        .. Fields.Enum(request.Reason, "reason"),
        .. Fields.Note(request.Note, required: request.Reason == ChangeReason.Other),
    ];
}

internal sealed class CancelAppointmentValidator : IRequestValidator<CancelAppointmentRequest>
{
    public IEnumerable<FieldViolation> Validate(CancelAppointmentRequest request)
    {
        foreach (var v in Fields.Id(request.AppointmentId, "appointment_id")) yield return v;
        if (request.CancellationCode is not (AttendanceCode.CancelledByPatient or AttendanceCode.CancelledByProvider))
        {
            yield return new("cancellation_code", "must be CANCELLED_BY_PATIENT (2) or CANCELLED_BY_PROVIDER (4); record attendance with RecordAttendance");
        }

        foreach (var v in Fields.Enum(request.Reason, "reason")) yield return v;
        foreach (var v in Fields.Note(request.Note, required: request.Reason == ChangeReason.Other)) yield return v;
    }
}

internal sealed class RecordAttendanceValidator : IRequestValidator<RecordAttendanceRequest>
{
    public IEnumerable<FieldViolation> Validate(RecordAttendanceRequest request)
    {
        foreach (var v in Fields.Id(request.AppointmentId, "appointment_id")) yield return v;
        switch (request.AttendanceCode)
        {
            case AttendanceCode.Attended or AttendanceCode.ArrivedLateSeen or AttendanceCode.ArrivedLateNotSeen or AttendanceCode.DidNotAttend:
                break;
            case AttendanceCode.CancelledByPatient or AttendanceCode.CancelledByProvider:
                yield return new("attendance_code", "codes 2 and 4 are cancellations; use CancelAppointment with a reason");
                break;
            default:
                yield return new("attendance_code", "is required: ATTENDED (5), ARRIVED_LATE_SEEN (6), ARRIVED_LATE_NOT_SEEN (7) or DID_NOT_ATTEND (3)");
                break;
        }

        foreach (var v in Fields.Id(request.SupervisorPractitionerId, "supervisor_practitioner_id", required: false)) yield return v;
    }
}
