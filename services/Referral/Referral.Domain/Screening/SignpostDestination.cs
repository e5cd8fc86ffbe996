namespace DitCloud.Referral.Domain;

/// <summary>Where a patient not suitable for DIT is directed. Values start at 1; 0 means unset.</summary>
public enum SignpostDestination
{
    InterpersonalPsychotherapy = 1,
    CognitiveBehaviouralTherapy = 2,
    CounsellingForDepression = 3,
    SecondaryCareMentalHealth = 4,
    GeneralPractitioner = 5,
    /// <summary>Somewhere else, named in <see cref="Signpost.OtherDestination"/>.</summary>
    Other = 6,
}
