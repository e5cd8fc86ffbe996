using DitCloud.Domain;

namespace DitCloud.Scheduling.Tests;

internal static class Refusal
{
    /// <summary>Asserts the action is refused with <paramref name="kind"/> and returns the exception.</summary>
    public static DomainException Of(DomainErrorKind kind, Action action)
    {
        var refusal = Should.Throw<DomainException>(action);
        refusal.Kind.ShouldBe(kind);
        return refusal;
    }

    /// <summary>Asserts INVALID_ARGUMENT naming <paramref name="field"/>, and returns that field's description.</summary>
    public static string OfField(string field, Action action)
    {
        var refusal = Of(DomainErrorKind.InvalidArgument, action);
        refusal.Violations.Select(v => v.Field).ShouldContain(field);
        return refusal.Violations.First(v => v.Field == field).Description;
    }
}
