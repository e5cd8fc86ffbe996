using DitCloud.Referral.Domain;
using DeliveryMode = DitCloud.Contracts.Events.V1.DeliveryMode;

namespace DitCloud.Referral.Api.Referrals;

/// <summary>A referral with what the service works out for it at read time.</summary>
/// <param name="WaitingListPosition">1-based while waiting; 0 once closed.</param>
/// <param name="DaysWaited">Whole days from receipt to now while waiting, or to the change that closed it.</param>
/// <param name="Recommendation">The service's current suitability policy applied to the submission.</param>
public sealed record ReferralView(
    PatientReferral Referral,
    Guid PatientReference,
    DeliveryMode PreferredDeliveryMode,
    int WaitingListPosition,
    int DaysWaited,
    ScreeningRecommendation Recommendation);

/// <summary>One change from the feed with the referral as that change left it.</summary>
/// <param name="Cursor">Pass back as after_cursor to resume after this change.</param>
public sealed record ReferralChangeView(ReferralView Referral, ReferralStatus? PreviousStatus, DateTimeOffset ChangedAt, string Cursor);
