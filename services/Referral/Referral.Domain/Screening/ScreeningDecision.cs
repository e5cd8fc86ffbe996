using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>
/// A clinician's screening decision: suitable for DIT, or not suitable with at least one reason and a
/// signpost. Build one with <see cref="SuitableForDit"/> or <see cref="NotSuitableForDit"/>, which check it.
/// </summary>
public abstract record ScreeningDecision
{
    public const int MaximumReasonLength = 2000;

    private protected ScreeningDecision()
    {
    }

    public abstract bool IsSuitable { get; }

    public static ScreeningDecision SuitableForDit() => new Suitable();

    /// <summary>
    /// A decision that DIT is not suitable, or INVALID_ARGUMENT listing every problem
    /// (fields <c>decision.reasons</c>, <c>decision.signpost.*</c>).
    /// </summary>
    public static ScreeningDecision NotSuitableForDit(IEnumerable<string> reasons, SignpostDestination destination, string? otherDestination = null)
    {
        var given = reasons.Select(r => r?.Trim() ?? "").ToList();
        var violations = new List<FieldViolation>();
        if (given.Count == 0)
        {
            violations.Add(new("decision.reasons", "decision.reasons needs at least one reason why DIT is not suitable"));
        }
        for (var i = 0; i < given.Count; i++)
        {
            var field = $"decision.reasons[{i}]";
            if (given[i].Length == 0)
            {
                violations.Add(new(field, $"{field} is empty; write the reason or remove it"));
            }
            else if (given[i].Length > MaximumReasonLength)
            {
                violations.Add(new(field, $"{field} must be at most {MaximumReasonLength} characters"));
            }
        }
        violations.AddRange(Signpost.Check(destination, otherDestination, "decision.signpost"));
        return violations.Count > 0
            ? throw DomainException.Invalid(violations)
            : new NotSuitable(given, Signpost.To(destination, otherDestination, "decision.signpost"));
    }

    /// <summary>DIT is suitable for the patient.</summary>
    public sealed record Suitable : ScreeningDecision
    {
        internal Suitable()
        {
        }

        public override bool IsSuitable => true;
    }

    /// <summary>DIT is not suitable; <see cref="Reasons"/> is clinical text, so it is left out of <see cref="ToString"/>.</summary>
    public sealed record NotSuitable : ScreeningDecision
    {
        internal NotSuitable(IReadOnlyList<string> reasons, Signpost signpost)
        {
            Reasons = reasons;
            SignpostedTo = signpost;
        }

        public override bool IsSuitable => false;

        public IReadOnlyList<string> Reasons { get; }

        public Signpost SignpostedTo { get; }

        public override string ToString() => $"NotSuitable {{ SignpostedTo = {SignpostedTo.Destination} }}";
    }
}
