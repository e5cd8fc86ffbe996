namespace DitCloud.Scheduling.Domain.Attendance;

public enum DischargeReviewTrigger
{
    MissedFirstSession = 1,
    RepeatedMissedSessions = 2,
}

/// <summary>A clinician must decide whether to discharge (with a letter to the patient and GP) or continue.</summary>
public sealed record DischargeReview(DischargeReviewTrigger Trigger, int MissedSessions, string Reason);
