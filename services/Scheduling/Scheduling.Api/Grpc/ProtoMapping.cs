using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Availability;
using DitCloud.Scheduling.Domain.Courses;
using Google.Protobuf.WellKnownTypes;
using Proto = DitCloud.Scheduling.V1;

namespace DitCloud.Scheduling.Api.Grpc;

/// <summary>Between the stored rows and domain values and the dit.scheduling.v1 messages.</summary>
public static class ProtoMapping
{
    public static Proto.Practitioner ToProto(this PractitionerRow row, int caseload)
    {
        var practitioner = new Proto.Practitioner
        {
            PractitionerId = row.Id.ToString(),
            DisplayName = row.DisplayName,
            RegistrationNumber = row.RegistrationNumber,
            Role = (Proto.PractitionerRole)(int)row.Role,
            SupervisorPractitionerId = row.SupervisorId?.ToString() ?? "",
            MaxCaseload = row.MaxCaseload,
            Active = row.Active,
            PsychodynamicBackground = row.PsychodynamicBackground,
            SupervisedPsychodynamicHours = row.SupervisedPsychodynamicHours,
            CurrentCaseload = caseload,
            Etag = row.Version.ToString(),
        };
        practitioner.DeliveryModes.AddRange(row.DeliveryModes.Order().Select(ToProto));
        return practitioner;
    }

    public static Proto.DeliveryMode ToProto(this Domain.Practitioners.DeliveryMode mode) => mode switch
    {
        Domain.Practitioners.DeliveryMode.Video => Proto.DeliveryMode.Video,
        Domain.Practitioners.DeliveryMode.InPerson => Proto.DeliveryMode.FaceToFace,
        _ => Proto.DeliveryMode.Unspecified,
    };

    /// <summary>The domain's mode; telephone is not a proto value, so nothing maps to it.</summary>
    public static Domain.Practitioners.DeliveryMode? ToDomain(this Proto.DeliveryMode mode) => mode switch
    {
        Proto.DeliveryMode.Video => Domain.Practitioners.DeliveryMode.Video,
        Proto.DeliveryMode.FaceToFace => Domain.Practitioners.DeliveryMode.InPerson,
        _ => null,
    };

    public static DayOfWeek ToDayOfWeek(this Proto.Weekday day) => (DayOfWeek)((int)day % 7);

    public static Proto.Weekday ToProto(this DayOfWeek day) => day == DayOfWeek.Sunday ? Proto.Weekday.Sunday : (Proto.Weekday)(int)day;

    public static Proto.AvailabilityWindow ToProto(this PatternWindow window)
    {
        var proto = new Proto.AvailabilityWindow
        {
            Weekday = window.Window.Day.ToProto(),
            StartTime = window.Window.Start.ToString("HH:mm"),
            EndTime = window.Window.End.ToString("HH:mm"),
        };
        proto.DeliveryModes.AddRange(window.Modes.Order().Select(ToProto));
        return proto;
    }

    public static Proto.TherapyPhase ToProto(this TherapyPhase phase) => (Proto.TherapyPhase)(int)phase;

    public static Proto.AttendanceCode ToProto(this AttendanceCode? code) =>
        code is { } value ? (Proto.AttendanceCode)(int)value : Proto.AttendanceCode.Unspecified;

    public static Proto.Appointment ToProto(this AppointmentRow row) => new()
    {
        AppointmentId = row.Id.ToString(),
        CourseId = row.CourseId.ToString(),
        PractitionerId = row.PractitionerId.ToString(),
        SessionNumber = row.SessionNumber,
        Phase = row.Phase.ToProto(),
        StartTime = Timestamp.FromDateTimeOffset(row.StartsAt),
        Duration = Duration.FromTimeSpan(row.EndsAt - row.StartsAt),
        DeliveryMode = row.DeliveryMode.ToProto(),
        Status = row.Status switch
        {
            Domain.Booking.AppointmentStatus.Booked => Proto.AppointmentStatus.Booked,
            Domain.Booking.AppointmentStatus.Cancelled => Proto.AppointmentStatus.Cancelled,
            _ => Proto.AppointmentStatus.OutcomeRecorded,
        },
        AttendanceCode = row.Outcome.ToProto(),
        ChangeReason = row.ChangeReason is { } reason ? (Proto.ChangeReason)(int)reason : Proto.ChangeReason.Unspecified,
        Etag = row.Version.ToString(),
    };

    public static Proto.Slot ToProto(this TimeRange slot, Guid practitionerId, Domain.Practitioners.DeliveryMode mode) => new()
    {
        PractitionerId = practitionerId.ToString(),
        StartTime = Timestamp.FromDateTimeOffset(slot.Start),
        Duration = Duration.FromTimeSpan(slot.Duration),
        DeliveryMode = mode.ToProto(),
    };

    public static Proto.Course ToProto(this CourseRow row, Course course, IReadOnlyList<TimeRange> offers)
    {
        var history = course.AttendanceHistory;
        var firstAttended = history.Where(r => r.Code.CountsAsAttended()).Select(r => r.AppointmentTime.Start).Order().FirstOrDefault();
        var waits = WaitingTimes.Of(course, ClinicTimeZone.London);
        var proto = new Proto.Course
        {
            CourseId = row.Id.ToString(),
            ReferralId = row.ReferralId.ToString(),
            PatientReference = row.PatientReference.ToString(),
            PractitionerId = row.PractitionerId?.ToString() ?? "",
            SupervisorPractitionerId = row.SupervisorId?.ToString() ?? "",
            PlannedSessions = row.SessionCount,
            SessionLength = Duration.FromTimeSpan(TimeSpan.FromMinutes(row.SessionMinutes)),
            PhasePlan = new Proto.PhasePlan { InitialLastSession = row.InitialPhaseLastSession, MiddleLastSession = row.MiddlePhaseLastSession },
            DeliveryMode = row.DeliveryMode.ToProto(),
            Status = course.State switch
            {
                CourseState.Completed => Proto.CourseStatus.Completed,
                CourseState.EndedEarly => Proto.CourseStatus.EndedEarly,
                _ when history.Any(r => r.Code.CountsAsAttended()) => Proto.CourseStatus.InProgress,
                _ => Proto.CourseStatus.AwaitingFirstSession,
            },
            CurrentPhase = course.CurrentPhase.ToProto(),
            SessionsAttended = history.Count(r => r.Code.CountsAsAttended()),
            SessionsMissed = history.Count(r => r.Code.CountsAsMissed()),
            SessionsCancelled = history.Count(r => r.Code.IsCancellation()),
            ReferralReceiveTime = Timestamp.FromDateTimeOffset(row.ReferredAt),
            CreateTime = Timestamp.FromDateTimeOffset(row.CreatedAt),
            FirstSessionTime = firstAttended == default ? null : Timestamp.FromDateTimeOffset(firstAttended),
            EndTime = row.EndedAt is { } ended ? Timestamp.FromDateTimeOffset(ended) : null,
            EndReason = row.EndReason is { } reason ? (Proto.CourseEndReason)(int)reason : Proto.CourseEndReason.Unspecified,
            DischargeReviewNeeded = row.DischargeReviewNeeded,
            AssignmentReason = row.AssignmentReason ?? "",
            WaitingTimes = new Proto.CourseWaitingTimes(),
            Etag = row.Version.ToString(),
        };
        if (waits.ReferralToFirstAttendedDays is { } toFirst) proto.WaitingTimes.ReferralToFirstAttendedDays = toFirst;
        if (waits.FirstToSecondAttendedDays is { } firstToSecond) proto.WaitingTimes.FirstToSecondAttendedDays = firstToSecond;
        proto.Sessions.AddRange(course.Sessions.Select(s => new Proto.CourseSession
        {
            SessionNumber = s.Number,
            Phase = s.Phase.ToProto(),
            Status = (Proto.SessionStatus)(int)s.Status,
            AppointmentId = s.AppointmentId?.ToString() ?? "",
            StartTime = s.Time is { } time ? Timestamp.FromDateTimeOffset(time.Start) : null,
            AttendanceCode = s.Code.ToProto(),
        }));
        if (row.PractitionerId is { } practitionerId)
        {
            proto.FirstAppointmentOffers.AddRange(offers.Select(o => o.ToProto(practitionerId, row.DeliveryMode)));
        }

        return proto;
    }
}
