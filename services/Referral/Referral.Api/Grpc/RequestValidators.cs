using DitCloud.Domain;
using DitCloud.Referral.Api.Referrals;
using DitCloud.ServiceDefaults.Grpc;

namespace DitCloud.Referral.Api.Grpc;

/// <summary>
/// Every intake rule at once, from the domain (<see cref="Domain.SubmissionValidator"/>), plus
/// what only the message can get wrong: a date that is not YYYY-MM-DD, an unknown delivery mode.
/// </summary>
internal sealed class SubmitReferralValidator(Domain.SubmissionValidator rules, ReferralClock clock) : IRequestValidator<V1.SubmitReferralRequest>
{
    private const string DateOfBirth = "patient.date_of_birth";

    public IEnumerable<FieldViolation> Validate(V1.SubmitReferralRequest request)
    {
        var violations = rules.FindViolations(ReferralMessages.ToSubmission(request), clock.Today()).ToList();
        var dateOfBirth = request.Patient?.DateOfBirth ?? "";
        if (dateOfBirth.Length > 0 && !ReferralMessages.TryReadDate(dateOfBirth, out _))
        {
            // The domain saw no date and asked for one; the partner did send one, in the wrong form.
            violations.RemoveAll(v => v.Field == DateOfBirth);
            violations.Add(new(DateOfBirth, $"{DateOfBirth} must be a calendar date written YYYY-MM-DD, e.g. 1990-01-31"));
        }
        if (!Enum.IsDefined(request.PreferredDeliveryMode))
        {
            violations.Add(new("preferred_delivery_mode", "preferred_delivery_mode is not a delivery mode; choose VIDEO or FACE_TO_FACE, or leave it unset for no preference"));
        }
        return violations;
    }
}

internal sealed class GetReferralValidator : IRequestValidator<V1.GetReferralRequest>
{
    public IEnumerable<FieldViolation> Validate(V1.GetReferralRequest request)
    {
        var violations = new List<FieldViolation>();
        RequestRules.ReferralId(request.ReferralId, violations);
        return violations;
    }
}

internal sealed class ListReferralsValidator : IRequestValidator<V1.ListReferralsRequest>
{
    public const int DefaultPageSize = 25;
    public const int MaximumPageSize = 100;

    public IEnumerable<FieldViolation> Validate(V1.ListReferralsRequest request)
    {
        var violations = new List<FieldViolation>();
        RequestRules.Statuses(request.Statuses, violations);
        if (request.PageSize is < 0 or > MaximumPageSize)
        {
            violations.Add(new("page_size", $"page_size must be 1 to {MaximumPageSize}, or 0 for {DefaultPageSize}"));
        }
        if (request.ReceivedAfter is not null && request.ReceivedBefore is not null && request.ReceivedAfter.ToDateTimeOffset() > request.ReceivedBefore.ToDateTimeOffset())
        {
            violations.Add(new("received_after", "received_after must not be later than received_before; swap them or drop one"));
        }
        if (request.ReferringOdsCode.Length > 0 && !Domain.OdsCode.TryParse(request.ReferringOdsCode, out _, out var failure))
        {
            violations.Add(new("referring_ods_code", $"referring_ods_code {failure}"));
        }
        return violations;
    }
}

internal sealed class ScreenReferralValidator : IRequestValidator<V1.ScreenReferralRequest>
{
    public IEnumerable<FieldViolation> Validate(V1.ScreenReferralRequest request)
    {
        var violations = new List<FieldViolation>();
        RequestRules.ReferralId(request.ReferralId, violations);
        try
        {
            ReferralMessages.ToDecision(request.Decision);
        }
        catch (DomainException invalid) when (invalid.Kind == DomainErrorKind.InvalidArgument)
        {
            violations.AddRange(invalid.Violations);
        }
        RequestRules.Etag(request.Etag, violations);
        return violations;
    }
}

internal sealed class AcceptReferralValidator : IRequestValidator<V1.AcceptReferralRequest>
{
    public IEnumerable<FieldViolation> Validate(V1.AcceptReferralRequest request)
    {
        var violations = new List<FieldViolation>();
        RequestRules.ReferralId(request.ReferralId, violations);
        RequestRules.Etag(request.Etag, violations);
        return violations;
    }
}

internal sealed class DeclineReferralValidator : IRequestValidator<V1.DeclineReferralRequest>
{
    public IEnumerable<FieldViolation> Validate(V1.DeclineReferralRequest request)
    {
        var violations = new List<FieldViolation>();
        RequestRules.ReferralId(request.ReferralId, violations);
        RequestRules.Etag(request.Etag, violations);
        return violations;
    }
}

internal sealed class WithdrawReferralValidator : IRequestValidator<V1.WithdrawReferralRequest>
{
    public IEnumerable<FieldViolation> Validate(V1.WithdrawReferralRequest request)
    {
        var violations = new List<FieldViolation>();
        RequestRules.ReferralId(request.ReferralId, violations);
        if (request.Reason == V1.WithdrawalReason.Unspecified || !Enum.IsDefined(request.Reason))
        {
            violations.Add(new("reason", "reason is required; choose PATIENT_REQUEST, REFERRER_REQUEST, PATIENT_NOT_CONTACTABLE, DUPLICATE_REFERRAL, PATIENT_MOVED_AWAY or OTHER"));
        }
        RequestRules.Etag(request.Etag, violations);
        return violations;
    }
}

internal sealed class WatchReferralsValidator : IRequestValidator<V1.WatchReferralsRequest>
{
    public IEnumerable<FieldViolation> Validate(V1.WatchReferralsRequest request)
    {
        var violations = new List<FieldViolation>();
        RequestRules.Statuses(request.Statuses, violations);
        return violations;
    }
}
