using DitCloud.Scheduling.Domain.Attendance;

namespace DitCloud.Scheduling.Domain.Courses;

/// <summary>
/// A course's waiting-time figures in whole local calendar days (NHS Talking Therapies measures
/// referral to first treatment, and the wait between first and second treatment sessions);
/// null until the sessions concerned have been attended.
/// </summary>
public sealed record WaitingTimes(int? ReferralToFirstAttendedDays, int? FirstToSecondAttendedDays)
{
    public static WaitingTimes Of(Course course, ClinicTimeZone zone)
    {
        var attended = course.AttendanceHistory
            .Where(r => r.Code.CountsAsAttended())
            .Select(r => zone.LocalDate(r.AppointmentTime.Start))
            .Order()
            .ToList();
        var referred = zone.LocalDate(course.ReferredAt);

        return new(
            attended.Count > 0 ? attended[0].DayNumber - referred.DayNumber : null,
            attended.Count > 1 ? attended[1].DayNumber - attended[0].DayNumber : null);
    }
}
