using System.ComponentModel.DataAnnotations;
using DitCloud.Domain;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Courses;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Api;

/// <summary>
/// The service's settings (section "Scheduling"), checked at start by the same domain rules that
/// govern courses and the DNA policy: a course plan or policy the domain would refuse stops the
/// process with the setting named.
/// </summary>
public sealed class SchedulingOptions : IValidatableObject
{
    public const string Section = "Scheduling";

    /// <summary>Planned sessions per course (DIT: 16; some services 8 to 16).</summary>
    public int SessionCount { get; set; } = 16;

    /// <summary>Session length in minutes, 30 to 50.</summary>
    public int SessionMinutes { get; set; } = 50;

    /// <summary>Last session of the initial phase.</summary>
    public int InitialPhaseLastSession { get; set; } = 4;

    /// <summary>Last session of the middle phase; the ending phase runs to the last session.</summary>
    public int MiddlePhaseLastSession { get; set; } = 12;

    /// <summary>DNA policy: a missed first session raises a discharge review.</summary>
    public bool ReviewOnMissedFirstSession { get; set; } = true;

    /// <summary>DNA policy: this many missed sessions in a course raise a discharge review.</summary>
    public int MissedSessionsForReview { get; set; } = 2;

    /// <summary>DNA policy: patient cancellations (code 2) count as missed. Provider cancellations never do.</summary>
    public bool CountPatientCancellations { get; set; }

    /// <summary>Maximum caseload of a practitioner registered without one.</summary>
    [Range(1, 40)]
    public int DefaultMaxCaseload { get; set; } = 20;

    /// <summary>The delivery mode of a course whose referral states no preference.</summary>
    public DeliveryMode DefaultDeliveryMode { get; set; } = DeliveryMode.Video;

    /// <summary>How many first-appointment times to offer when a practitioner is assigned.</summary>
    [Range(1, 10)]
    public int FirstAppointmentOffers { get; set; } = 3;

    /// <summary>How far ahead to look for first-appointment times.</summary>
    [Range(1, 28)]
    public int FirstAppointmentSearchDays { get; set; } = 14;

    /// <summary>The earliest first appointment offered, after the moment of assignment (time to contact the patient).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "14.00:00:00")]
    public TimeSpan FirstAppointmentLeadTime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long a booking holds its slot in Redis while it is confirmed; longer than a confirmation takes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SlotHold { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Prefix of every Redis key and channel this service uses, so services and environments can share a server.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_:.-]{1,100}$")]
    public string RedisKeyPrefix { get; set; } = "scheduling:";

    public CoursePlan CoursePlan() => Domain.Courses.CoursePlan.Create(new CoursePlanOptions(
        SessionCount,
        SessionMinutes,
        new PhaseBoundaries(
            new SessionRange(1, InitialPhaseLastSession),
            new SessionRange(InitialPhaseLastSession + 1, MiddlePhaseLastSession),
            new SessionRange(MiddlePhaseLastSession + 1, SessionCount))));

    public DnaPolicy DnaPolicy() => new DnaPolicy(ReviewOnMissedFirstSession, MissedSessionsForReview, CountPatientCancellations).Validate();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Check(() => CoursePlan(), results, new()
        {
            ["session_count"] = nameof(SessionCount),
            ["session_minutes"] = nameof(SessionMinutes),
            ["phases.initial"] = nameof(InitialPhaseLastSession),
            ["phases.middle"] = nameof(MiddlePhaseLastSession),
            ["phases.ending"] = nameof(MiddlePhaseLastSession),
        });
        Check(() => DnaPolicy(), results, new() { ["missed_sessions_for_review"] = nameof(MissedSessionsForReview) });
        if (DitDeliveryModes.Refusal(DefaultDeliveryMode) is { } refusal)
        {
            results.Add(new ValidationResult(refusal, [nameof(DefaultDeliveryMode)]));
        }

        return results;
    }

    private static void Check(Action rule, List<ValidationResult> results, Dictionary<string, string> settingFor)
    {
        try
        {
            rule();
        }
        catch (DomainException refusal)
        {
            results.AddRange(refusal.Violations.Select(v =>
                new ValidationResult(v.Description, [settingFor.GetValueOrDefault(v.Field, v.Field)])));
        }
    }
}
