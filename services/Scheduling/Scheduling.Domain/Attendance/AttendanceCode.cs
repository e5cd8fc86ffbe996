namespace DitCloud.Scheduling.Domain.Attendance;

/// <summary>The NHS data dictionary attendance codes; the numeric values are the national codes.</summary>
public enum AttendanceCode
{
    CancelledByPatient = 2,
    DidNotAttend = 3,
    CancelledByProvider = 4,
    Attended = 5,
    ArrivedLateButSeen = 6,
    ArrivedLateNotSeen = 7,
}
