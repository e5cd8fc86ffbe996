namespace DitCloud.Scheduling.Domain.Attendance;

/// <summary>What each attendance code means for the course and for the DNA policy.</summary>
public static class AttendanceCodeRules
{
    /// <summary>The patient was seen: codes 5 and 6.</summary>
    public static bool CountsAsAttended(this AttendanceCode code) =>
        code is AttendanceCode.Attended or AttendanceCode.ArrivedLateButSeen;

    /// <summary>The patient was not seen at a session that went ahead: codes 3 (DNA) and 7 (late, not seen).</summary>
    public static bool CountsAsMissed(this AttendanceCode code) =>
        code is AttendanceCode.DidNotAttend or AttendanceCode.ArrivedLateNotSeen;

    /// <summary>The session did not go ahead: codes 2 and 4. Recorded through Cancel, which needs a reason.</summary>
    public static bool IsCancellation(this AttendanceCode code) =>
        code is AttendanceCode.CancelledByPatient or AttendanceCode.CancelledByProvider;
}
