using DitCloud.Domain;

namespace DitCloud.Outcomes.Domain.Measures;

/// <summary>
/// Measures are clinical record: a wrong entry is never changed in place. A correction is a new
/// version of the set, at the same point in the pathway, with the reason for it; the earlier
/// version stays as it was recorded and is only superseded.
/// </summary>
public static class MeasureCorrection
{
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// The corrected set. INVALID_ARGUMENT for bad answers or a missing or over-long reason (as for a
    /// new set); FAILED_PRECONDITION when the correction changes nothing.
    /// </summary>
    /// <param name="current">The version being corrected (the latest one).</param>
    public static MeasureSet Correct(MeasureSet current, Guid id, DateTimeOffset measuredAt, MeasureAnswers answers, string? reason, DateTimeOffset now)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(reason))
        {
            violations.Add(new("reason", "reason is required: say why the recorded measures are being corrected"));
        }
        else if (reason.Length > MaxReasonLength)
        {
            violations.Add(new("reason", $"reason must be at most {MaxReasonLength} characters"));
        }

        MeasureSet corrected;
        try
        {
            corrected = MeasureSet.Record(id, current.Point, measuredAt, answers, now);
        }
        catch (DomainException invalid) when (invalid.Kind == DomainErrorKind.InvalidArgument)
        {
            throw DomainException.Invalid([.. invalid.Violations, .. violations]);
        }

        if (violations.Count > 0)
        {
            throw DomainException.Invalid(violations);
        }

        return corrected with { Id = current.Id } == current
            ? throw DomainException.Precondition("the correction is identical to the current version of these measures; there is nothing to correct")
            : corrected;
    }
}
