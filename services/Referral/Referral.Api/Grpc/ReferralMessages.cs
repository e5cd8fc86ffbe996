using System.Globalization;
using DitCloud.Domain;
using DitCloud.Referral.Api.Referrals;
using Google.Protobuf.WellKnownTypes;
using Domain = DitCloud.Referral.Domain;
using Events = DitCloud.Contracts.Events.V1;

namespace DitCloud.Referral.Api.Grpc;

/// <summary>
/// Between the dit.referral.v1 messages and the domain. The proto enums share the domain's numbers, so
/// enums convert by number; an unset or unknown number reaches the domain's rules as an undefined value
/// and is refused there with the field's path.
/// </summary>
internal static class ReferralMessages
{
    public const string DateFormat = "yyyy-MM-dd";

    public static Domain.ReferralSubmission ToSubmission(V1.SubmitReferralRequest request)
    {
        var patient = request.Patient ?? new V1.Patient();
        var contact = patient.Contact ?? new V1.ContactPreferences();
        var risk = request.Risk ?? new V1.RiskInformation();
        var consent = request.Consent ?? new V1.Consent();
        return new Domain.ReferralSubmission(
            request.PartnerReferralId,
            OrNull(request.Ubrn),
            request.ReferringOdsCode,
            new Domain.PatientDemographics(
                patient.NhsNumber,
                patient.GivenName,
                patient.FamilyName,
                TryReadDate(patient.DateOfBirth, out var dateOfBirth) ? dateOfBirth : null,
                patient.Postcode,
                new Domain.ContactPreferences((Domain.ContactMethod)contact.PreferredMethod, OrNull(contact.Telephone), OrNull(contact.Email), contact.MayLeaveMessages)),
            [.. request.PresentingProblems.Select(problem => (Domain.PresentingProblem)problem)],
            request.ReasonForReferral,
            request.HasPhq9Total ? request.Phq9Total : null,
            request.HasGad7Total ? request.Gad7Total : null,
            new Domain.RiskInformation((Domain.RiskLevel)risk.Level, OrNull(risk.Details)),
            new Domain.Consent(consent.ToTreatment, consent.ToContact));
    }

    public static bool TryReadDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The domain's decision, or INVALID_ARGUMENT naming every problem under "decision".</summary>
    public static Domain.ScreeningDecision ToDecision(V1.ScreeningDecision? decision)
    {
        switch (decision?.Outcome)
        {
            case null:
                throw DomainException.Invalid("decision", "decision is required; give decision.outcome, and for NOT_SUITABLE the reasons and a signpost");
            case V1.ScreeningOutcome.Suitable:
                var extras = new List<FieldViolation>();
                if (decision.Reasons.Count > 0)
                {
                    extras.Add(new("decision.reasons", "decision.reasons must be empty when decision.outcome is SUITABLE; reasons explain a NOT_SUITABLE decision"));
                }
                if (decision.Signpost is not null)
                {
                    extras.Add(new("decision.signpost", "decision.signpost must be absent when decision.outcome is SUITABLE; a signpost goes with NOT_SUITABLE"));
                }
                return extras.Count > 0 ? throw DomainException.Invalid(extras) : Domain.ScreeningDecision.SuitableForDit();
            case V1.ScreeningOutcome.NotSuitable:
                return Domain.ScreeningDecision.NotSuitableForDit(
                    decision.Reasons,
                    (Domain.SignpostDestination)(decision.Signpost?.Destination ?? V1.SignpostDestination.Unspecified),
                    OrNull(decision.Signpost?.OtherDestination));
            default:
                throw DomainException.Invalid("decision.outcome", "decision.outcome is required; choose SUITABLE or NOT_SUITABLE");
        }
    }

    public static V1.Referral ToMessage(ReferralView view)
    {
        var referral = view.Referral;
        var submission = referral.Submission.Content;
        var message = new V1.Referral
        {
            ReferralId = referral.Id.ToString(),
            PartnerId = referral.PartnerId,
            PartnerReferralId = submission.PartnerReferralId,
            Ubrn = submission.Ubrn ?? "",
            ReferringOdsCode = submission.ReferringOdsCode,
            PatientReference = view.PatientReference.ToString(),
            Patient = ToMessage(submission.Patient),
            PresentingProblems = { submission.PresentingProblems.Select(problem => (V1.PresentingProblem)problem) },
            ReasonForReferral = submission.ReasonForReferral,
            Risk = new V1.RiskInformation { Level = (V1.RiskLevel)submission.Risk.Level, Details = submission.Risk.Details ?? "" },
            Consent = new V1.Consent { ToTreatment = submission.Consent.ToTreatment, ToContact = submission.Consent.ToContact },
            PreferredDeliveryMode = (V1.DeliveryMode)view.PreferredDeliveryMode,
            Status = (V1.ReferralStatus)referral.Status,
            ReceiveTime = Timestamp.FromDateTimeOffset(referral.ReceivedAt),
            DaysWaited = view.DaysWaited,
            WaitingListPosition = view.WaitingListPosition,
            Recommendation = ToMessage(view.Recommendation),
            ScreeningDecisions = { referral.ScreeningDecisions.Select(ToMessage) },
            SignpostedTo = referral.SignpostedTo is { } signpost ? ToMessage(signpost) : null,
            WithdrawalReason = (V1.WithdrawalReason)(int)(referral.WithdrawalReason ?? 0),
            DischargeReason = (V1.DischargeReason)(int)(referral.DischargeReason ?? 0),
            UpdateTime = Timestamp.FromDateTimeOffset(referral.History[^1].At),
            Etag = ReferralWorkflow.Etag(referral.Version),
            History = { referral.History.Select(ToMessage) },
        };
        if (submission.Phq9Total is { } phq9) message.Phq9Total = phq9;
        if (submission.Gad7Total is { } gad7) message.Gad7Total = gad7;
        return message;
    }

    public static V1.WatchReferralsResponse ToMessage(ReferralChangeView change) => new()
    {
        Referral = ToMessage(change.Referral),
        PreviousStatus = (V1.ReferralStatus)(int)(change.PreviousStatus ?? 0),
        ChangeTime = Timestamp.FromDateTimeOffset(change.ChangedAt),
        Cursor = change.Cursor,
    };

    public static Events.DeliveryMode ToDeliveryMode(V1.DeliveryMode mode) => (Events.DeliveryMode)mode;

    private static V1.Patient ToMessage(Domain.PatientDemographics patient) => new()
    {
        NhsNumber = patient.NhsNumber,
        GivenName = patient.GivenName,
        FamilyName = patient.FamilyName,
        DateOfBirth = patient.DateOfBirth?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "",
        Postcode = patient.Postcode,
        Contact = new V1.ContactPreferences
        {
            PreferredMethod = (V1.ContactMethod)patient.Contact.PreferredMethod,
            Telephone = patient.Contact.Telephone ?? "",
            Email = patient.Contact.Email ?? "",
            MayLeaveMessages = patient.Contact.MayLeaveMessages,
        },
    };

    private static V1.ScreeningRecommendation ToMessage(Domain.ScreeningRecommendation recommendation) => new()
    {
        Suitability = (V1.Suitability)recommendation.Outcome,
        Reasons =
        {
            recommendation.Reasons.Select(reason => new V1.ScreeningReason
            {
                Kind = (V1.ScreeningReasonKind)reason.Kind,
                Problem = (V1.PresentingProblem)(int)(reason.Problem ?? 0),
                Explanation = reason.Explanation,
            }),
        },
    };

    private static V1.RecordedScreeningDecision ToMessage(Domain.RecordedScreeningDecision recorded)
    {
        var decision = new V1.ScreeningDecision
        {
            Outcome = recorded.Decision.IsSuitable ? V1.ScreeningOutcome.Suitable : V1.ScreeningOutcome.NotSuitable,
        };
        if (recorded.Decision is Domain.ScreeningDecision.NotSuitable notSuitable)
        {
            decision.Reasons.AddRange(notSuitable.Reasons);
            decision.Signpost = ToMessage(notSuitable.SignpostedTo);
        }
        return new V1.RecordedScreeningDecision
        {
            Decision = decision,
            ClinicianId = recorded.Clinician,
            RecordTime = Timestamp.FromDateTimeOffset(recorded.At),
        };
    }

    private static V1.Signpost ToMessage(Domain.Signpost signpost) => new()
    {
        Destination = (V1.SignpostDestination)signpost.Destination,
        OtherDestination = signpost.OtherDestination ?? "",
    };

    private static V1.ReferralHistoryEntry ToMessage(Domain.ReferralHistoryEntry entry) => new()
    {
        Sequence = entry.Sequence,
        ChangeTime = Timestamp.FromDateTimeOffset(entry.At),
        ActorId = entry.Actor,
        Change = (V1.ReferralChange)entry.Change,
        FromStatus = (V1.ReferralStatus)(int)(entry.From ?? 0),
        ToStatus = (V1.ReferralStatus)entry.To,
        Detail = entry.Detail,
    };

    private static string? OrNull(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
