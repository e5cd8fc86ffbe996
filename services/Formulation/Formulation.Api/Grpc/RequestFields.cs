using DitCloud.Domain;

namespace DitCloud.Formulation.Api.Grpc;

/// <summary>
/// Domain rules name the fields of the domain's own shapes; a caller must be told the field of its
/// request. These run a domain step and translate the names in its refusal. Descriptions never
/// quote a value, so a refusal can carry no clinical text.
/// </summary>
internal static class RequestFields
{
    /// <summary>Runs <paramref name="step"/>, renaming the fields of an INVALID_ARGUMENT refusal to the request's.</summary>
    public static T Named<T>(IReadOnlyDictionary<string, string> requestField, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (DomainException refusal) when (refusal.Kind == DomainErrorKind.InvalidArgument && refusal.Violations.Count > 0)
        {
            throw DomainException.Invalid([.. refusal.Violations.Select(v => v with { Field = requestField.GetValueOrDefault(v.Field, v.Field) })]);
        }
    }

    /// <summary>
    /// Runs a step whose rules check what is already stored (sharing a draft, issuing a letter,
    /// signing a note): missing content there is not a bad request but a record not ready for the
    /// step, so it is FAILED_PRECONDITION naming what to write first.
    /// </summary>
    public static T Ready<T>(string step, IReadOnlyDictionary<string, string> storedField, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (DomainException refusal) when (refusal.Kind == DomainErrorKind.InvalidArgument && refusal.Violations.Count > 0)
        {
            var missing = refusal.Violations.Select(v => $"{storedField.GetValueOrDefault(v.Field, v.Field)} {v.Description}");
            throw DomainException.Precondition($"cannot {step} yet: {string.Join("; ", missing)}");
        }
    }

    /// <summary>The IPAF's parts as SaveIpafDraftRequest and Ipaf name them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Ipaf = new Dictionary<string, string>
    {
        ["ipaf.self_representation"] = "self_representation",
        ["ipaf.other_representation"] = "other_representation",
        ["ipaf.linking_affects"] = "linking_affect",
        ["ipaf.linking_affects.conscious"] = "linking_affect",
        ["ipaf.linking_affects.less_conscious"] = "linking_affect_less_conscious",
        ["ipaf.defensive_function"] = "defensive_function",
        ["ipaf.therapy_relationship"] = "transference",
    };

    /// <summary>A relationship's details as InventoryRelationship names them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Relationship = new Dictionary<string, string>
    {
        ["relationship.who"] = "relationship.label",
        ["relationship.timeframe"] = "relationship.current",
    };

    /// <summary>A session note's parts as WriteSessionNoteRequest and SessionNote name them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Note = new Dictionary<string, string>
    {
        ["text"] = "content",
    };

    /// <summary>The goodbye letter's sections as SaveGoodbyeLetterDraftRequest names them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Letter = new Dictionary<string, string>
    {
        ["letter.progress_made"] = "progress_made",
        ["letter.what_to_watch_for"] = "what_to_watch_for",
        ["letter.managing_setbacks"] = "managing_setbacks",
    };

    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();
}
