using DitCloud.Domain;

namespace DitCloud.Outcomes.Domain.Measures;

/// <summary>
/// Where in the pathway measures were taken: at assessment, at a numbered session of a phase, or at
/// follow-up. Only sessions carry a session number and phase. The highest session number depends
/// on the course plan, so the caller checks it against the plan.
/// </summary>
public sealed record MeasurementPoint
{
    private MeasurementPoint(MeasurementOccasion occasion, int? sessionNumber, TherapyPhase? phase)
    {
        Occasion = occasion;
        SessionNumber = sessionNumber;
        Phase = phase;
    }

    public static MeasurementPoint Assessment { get; } = new(MeasurementOccasion.Assessment, null, null);

    public static MeasurementPoint FollowUp { get; } = new(MeasurementOccasion.FollowUp, null, null);

    public MeasurementOccasion Occasion { get; }

    public int? SessionNumber { get; }

    public TherapyPhase? Phase { get; }

    /// <summary>Measures taken before or during treatment; these make up the course outcome.</summary>
    public bool IsDuringTreatment => Occasion is not MeasurementOccasion.FollowUp;

    public static MeasurementPoint Session(int sessionNumber, TherapyPhase phase)
    {
        var violations = new List<FieldViolation>();
        if (sessionNumber < 1)
        {
            violations.Add(new("session_number", "session_number must be 1 or more for measures taken at a session"));
        }

        if (!Enum.IsDefined(phase))
        {
            violations.Add(new("phase", "phase must be initial, middle or ending"));
        }

        return violations.Count > 0 ? throw DomainException.Invalid(violations) : new(MeasurementOccasion.Session, sessionNumber, phase);
    }
}
