namespace DitCloud.Scheduling.Domain.Practitioners;

/// <summary>Why a practitioner cannot take a new DIT case, in the order the checks are made.</summary>
public enum Ineligibility
{
    NoPsychodynamicBackground,
    TooFewSupervisedHours,
    TraineeWithoutSupervisor,
    DoesNotOfferDeliveryMode,
    CaseloadFull,
}

/// <summary>Whether a practitioner may take a new DIT case delivered in a given mode.</summary>
public static class DitEligibility
{
    /// <summary>The first reason the practitioner cannot take the case, or null when they can.</summary>
    public static Ineligibility? Check(Practitioner practitioner, DeliveryMode mode) =>
        CheckForSession(practitioner, mode) ?? (practitioner.HasCapacity ? null : Ineligibility.CaseloadFull);

    /// <summary>
    /// Whether the practitioner may see a DIT patient for a session in <paramref name="mode"/>
    /// (covering for a colleague, or taking over an appointment): every rule of <see cref="Check"/>
    /// except the caseload, because the course stays on its own practitioner's caseload.
    /// </summary>
    public static Ineligibility? CheckForSession(Practitioner practitioner, DeliveryMode mode)
    {
        if (!practitioner.HasPsychodynamicBackground)
        {
            return Ineligibility.NoPsychodynamicBackground;
        }

        if (practitioner.SupervisedPsychodynamicHours < Practitioner.MinimumSupervisedPsychodynamicHours)
        {
            return Ineligibility.TooFewSupervisedHours;
        }

        if (!practitioner.IsAccredited && practitioner.SupervisorId is null)
        {
            return Ineligibility.TraineeWithoutSupervisor;
        }

        return practitioner.Offers(mode) ? null : Ineligibility.DoesNotOfferDeliveryMode;
    }

    public static string Describe(Ineligibility reason, DeliveryMode mode) => reason switch
    {
        Ineligibility.NoPsychodynamicBackground => "no psychodynamic background",
        Ineligibility.TooFewSupervisedHours =>
            $"fewer than {Practitioner.MinimumSupervisedPsychodynamicHours} supervised psychodynamic hours",
        Ineligibility.TraineeWithoutSupervisor => "a trainee without a supervisor",
        Ineligibility.DoesNotOfferDeliveryMode => $"does not offer {DitDeliveryModes.Describe(mode)}",
        Ineligibility.CaseloadFull => "caseload full",
        _ => "not eligible",
    };
}
