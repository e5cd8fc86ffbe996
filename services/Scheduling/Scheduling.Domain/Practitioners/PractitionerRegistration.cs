using DitCloud.Domain;

namespace DitCloud.Scheduling.Domain.Practitioners;

/// <summary>The rules a practitioner's record must meet before it is saved (on create and on every change).</summary>
public static class PractitionerRegistration
{
    /// <summary>
    /// Returns <paramref name="candidate"/> when it is valid; otherwise throws INVALID_ARGUMENT
    /// listing every field at fault.
    /// </summary>
    /// <param name="supervisor">The practitioner <c>candidate.SupervisorId</c> names, looked up by the caller; null when none is named or none exists.</param>
    public static Practitioner Validate(Practitioner candidate, Practitioner? supervisor)
    {
        var violations = new List<FieldViolation>();

        if (candidate.Id == Guid.Empty)
        {
            violations.Add(new("practitioner_id", "is required; give the practitioner's id"));
        }

        if (candidate.SupervisedPsychodynamicHours < 0)
        {
            violations.Add(new("supervised_psychodynamic_hours", "must be zero or more"));
        }

        violations.AddRange(SupervisionViolations(candidate, supervisor));
        violations.AddRange(DeliveryModeViolations(candidate.DeliveryModes));

        if (candidate.MaxCaseload < 1)
        {
            violations.Add(new("max_caseload", "must be at least 1"));
        }

        if (candidate.CurrentCaseload < 0)
        {
            violations.Add(new("current_caseload", "must be zero or more"));
        }

        return violations.Count == 0 ? candidate : throw DomainException.Invalid(violations);
    }

    private static IEnumerable<FieldViolation> SupervisionViolations(Practitioner candidate, Practitioner? supervisor)
    {
        const string field = "supervisor_id";
        switch (candidate.DitStatus)
        {
            case DitStatus.Accredited when candidate.SupervisorId is not null:
                yield return new(field, "only a DIT trainee has a training supervisor; leave it empty for an accredited practitioner");
                break;
            case DitStatus.Accredited:
                break;
            case DitStatus.InTraining when candidate.SupervisorId is null || candidate.SupervisorId == Guid.Empty:
                yield return new(field, "a DIT trainee needs a named supervisor; give the id of an accredited DIT practitioner");
                break;
            case DitStatus.InTraining when candidate.SupervisorId == candidate.Id:
                yield return new(field, "a trainee cannot supervise themselves; name an accredited DIT practitioner");
                break;
            case DitStatus.InTraining when supervisor is null || supervisor.Id != candidate.SupervisorId:
                yield return new(field, "names no registered practitioner; give the id of an accredited DIT practitioner");
                break;
            case DitStatus.InTraining when !supervisor.IsAccredited:
                yield return new(field, "names a practitioner who is not DIT-accredited; a trainee's supervisor must be accredited");
                break;
            case DitStatus.InTraining:
                break;
            default:
                yield return new("dit_status", "must be accredited or in training");
                break;
        }
    }

    private static IEnumerable<FieldViolation> DeliveryModeViolations(IReadOnlySet<DeliveryMode> modes)
    {
        const string field = "delivery_modes";
        if (modes.Count == 0)
        {
            yield return new(field, "offer at least one of video or in person");
        }

        foreach (var refusal in modes.Select(DitDeliveryModes.Refusal).OfType<string>().Distinct())
        {
            yield return new(field, refusal);
        }
    }
}
