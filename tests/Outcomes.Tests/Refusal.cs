using DitCloud.Domain;

namespace DitCloud.Outcomes.Tests;

internal static class Refusal
{
    /// <summary>Asserts the action is refused with <paramref name="kind"/>, and returns the refusal.</summary>
    public static DomainException Of(DomainErrorKind kind, Action action)
    {
        var refusal = Should.Throw<DomainException>(action);
        refusal.Kind.ShouldBe(kind);
        return refusal;
    }

    /// <summary>Asserts INVALID_ARGUMENT naming <paramref name="field"/> exactly once, and returns that field's description.</summary>
    public static string OfField(string field, Action action)
    {
        var refusal = Of(DomainErrorKind.InvalidArgument, action);
        var matching = refusal.Violations.Where(v => v.Field == field).ToList();
        matching.Count.ShouldBe(1, $"expected one violation on {field}; got {string.Join(", ", refusal.Violations.Select(v => v.Field))}");
        return matching[0].Description;
    }

    /// <summary>The fields named by an INVALID_ARGUMENT refusal, in order.</summary>
    public static IReadOnlyList<string> Fields(Action action) =>
        [.. Of(DomainErrorKind.InvalidArgument, action).Violations.Select(v => v.Field)];
}
