using DitCloud.Domain;

namespace DitCloud.Scheduling.Domain.Practitioners;

/// <summary>
/// A therapist who may carry DIT cases. Validate new or changed practitioners with
/// <see cref="PractitionerRegistration.Validate"/>; whether one can take a particular patient is
/// <see cref="DitEligibility"/>'s question.
/// </summary>
/// <param name="SupervisorId">The accredited DIT practitioner supervising a trainee; empty for the accredited.</param>
public sealed record Practitioner(
    Guid Id,
    bool HasPsychodynamicBackground,
    int SupervisedPsychodynamicHours,
    DitStatus DitStatus,
    Guid? SupervisorId,
    IReadOnlySet<DeliveryMode> DeliveryModes,
    int MaxCaseload,
    int CurrentCaseload)
{
    /// <summary>Supervised psychodynamic hours needed before anyone may hold DIT cases.</summary>
    public const int MinimumSupervisedPsychodynamicHours = 150;

    public bool IsAccredited => DitStatus == DitStatus.Accredited;

    public bool MeetsDitEntryRequirement =>
        HasPsychodynamicBackground && SupervisedPsychodynamicHours >= MinimumSupervisedPsychodynamicHours;

    /// <summary>Places left before the maximum caseload; never negative, even if the maximum was lowered.</summary>
    public int SpareCapacity => Math.Max(0, MaxCaseload - CurrentCaseload);

    public bool HasCapacity => SpareCapacity > 0;

    public bool Offers(DeliveryMode mode) => DeliveryModes.Contains(mode);

    /// <summary>Adds a case; refused when the caseload is full, which guards against two assignments racing for the last place.</summary>
    public Practitioner TakeOnCase() => HasCapacity
        ? this with { CurrentCaseload = CurrentCaseload + 1 }
        : throw DomainException.Precondition("the practitioner's caseload is full; assign another practitioner or raise max_caseload");

    /// <summary>Frees a place when a course completes or ends early.</summary>
    public Practitioner ReleaseCase() => CurrentCaseload > 0
        ? this with { CurrentCaseload = CurrentCaseload - 1 }
        : throw DomainException.Precondition("the practitioner has no cases to release");
}
