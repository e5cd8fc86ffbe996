namespace DitCloud.Contracts.Events.V1;

// The numeric values are part of the contract: they match the .proto enums (and, for
// AttendanceCode, the NHS data dictionary) and never change meaning.

/// <summary>How sessions are delivered. DIT is not offered by telephone.</summary>
public enum DeliveryMode
{
    /// <summary>No preference, or not known.</summary>
    Unspecified = 0,
    /// <summary>Video consultation.</summary>
    Video = 1,
    /// <summary>In person at a clinic.</summary>
    FaceToFace = 2,
}

/// <summary>The phase of a DIT course a session belongs to.</summary>
public enum TherapyPhase
{
    /// <summary>Initial / assessment phase (by default sessions 1-4).</summary>
    Initial = 1,
    /// <summary>Middle phase (by default sessions 5-12).</summary>
    Middle = 2,
    /// <summary>Ending phase (by default sessions 13-16).</summary>
    Ending = 3,
}

/// <summary>NHS attendance codes (ATTENDED OR DID NOT ATTEND); the values are the NHS codes.</summary>
public enum AttendanceCode
{
    /// <summary>2: cancelled by, or on behalf of, the patient.</summary>
    CancelledByPatient = 2,
    /// <summary>3: did not attend, no advance warning.</summary>
    DidNotAttend = 3,
    /// <summary>4: cancelled or postponed by the provider.</summary>
    CancelledByProvider = 4,
    /// <summary>5: attended.</summary>
    Attended = 5,
    /// <summary>6: arrived late but was seen.</summary>
    ArrivedLateSeen = 6,
    /// <summary>7: arrived late and could not be seen.</summary>
    ArrivedLateNotSeen = 7,
}

/// <summary>Where a patient not suitable for DIT was directed (matches dit.referral.v1.SignpostDestination).</summary>
public enum SignpostDestination
{
    /// <summary>Interpersonal Psychotherapy.</summary>
    InterpersonalPsychotherapy = 1,
    /// <summary>Cognitive Behavioural Therapy.</summary>
    CognitiveBehaviouralTherapy = 2,
    /// <summary>Counselling for Depression.</summary>
    CounsellingForDepression = 3,
    /// <summary>Secondary care mental health services.</summary>
    SecondaryCareMentalHealth = 4,
    /// <summary>Back to the GP.</summary>
    GeneralPractitioner = 5,
    /// <summary>Elsewhere (named in the referral, not in the event).</summary>
    Other = 6,
}

/// <summary>Why a referral was withdrawn (matches dit.referral.v1.WithdrawalReason).</summary>
public enum WithdrawalReason
{
    /// <summary>The patient asked.</summary>
    PatientRequest = 1,
    /// <summary>The referrer withdrew it.</summary>
    ReferrerRequest = 2,
    /// <summary>The patient could not be contacted.</summary>
    PatientNotContactable = 3,
    /// <summary>A duplicate of another referral.</summary>
    DuplicateReferral = 4,
    /// <summary>The patient moved out of the area.</summary>
    PatientMovedAway = 5,
    /// <summary>Another reason.</summary>
    Other = 6,
}

/// <summary>Why a risk flag was raised (matches dit.outcomes.v1.RiskFlagReason).</summary>
public enum RiskFlagReason
{
    /// <summary>PHQ-9 item 9 was scored above 0.</summary>
    Phq9Item9AboveZero = 1,
    /// <summary>PHQ-9 or GAD-7 rose during the ending phase.</summary>
    EndingPhaseRise = 2,
}

/// <summary>Why a course ended before its planned sessions (matches dit.scheduling.v1.CourseEndReason).</summary>
public enum CourseEndReason
{
    /// <summary>Discharged under the DNA policy.</summary>
    DischargedAfterDna = 1,
    /// <summary>The patient chose to end therapy.</summary>
    PatientChoice = 2,
    /// <summary>Ended by mutual agreement.</summary>
    MutualAgreement = 3,
    /// <summary>Stepped up or referred on.</summary>
    ReferredOn = 4,
    /// <summary>The referral was withdrawn.</summary>
    ReferralWithdrawn = 5,
}

/// <summary>Why the DNA policy asks for a discharge review.</summary>
public enum DischargeReviewReason
{
    /// <summary>The patient missed the first session.</summary>
    MissedFirstSession = 1,
    /// <summary>The patient missed sessions repeatedly (the threshold is a service setting).</summary>
    RepeatedMissedSessions = 2,
}

/// <summary>When in the pathway measures were taken (matches dit.outcomes.v1.MeasurementOccasion).</summary>
public enum MeasurementOccasion
{
    /// <summary>At assessment, before treatment.</summary>
    Assessment = 1,
    /// <summary>At a treatment session.</summary>
    Session = 2,
    /// <summary>At follow-up after the course.</summary>
    FollowUp = 3,
}

/// <summary>Which questionnaires a measure set contains.</summary>
[Flags]
public enum MeasuresTaken
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>PHQ-9.</summary>
    Phq9 = 1,
    /// <summary>GAD-7.</summary>
    Gad7 = 2,
    /// <summary>WSAS.</summary>
    Wsas = 4,
}
