namespace DitCloud.Formulation.Domain.Ipaf;

/// <summary>
/// The Interpersonal Affective Focus: the patient's recurring way of relating, in its parts.
/// A draft may leave parts empty; sharing it with the patient needs every required part.
/// </summary>
/// <param name="SelfRepresentation">The dominant way the patient experiences themselves.</param>
/// <param name="OtherRepresentation">The dominant way the patient experiences the other.</param>
/// <param name="LinkingAffects">The feelings that link the two.</param>
/// <param name="DefensiveFunction">How the patient protects themselves from the pain of the pattern.</param>
/// <param name="TherapyRelationship">Optional: how the pattern shows with the practitioner (transference).</param>
public sealed record IpafContent(
    string SelfRepresentation,
    string OtherRepresentation,
    LinkingAffects LinkingAffects,
    string DefensiveFunction,
    string? TherapyRelationship)
{
    internal void ValidateLengths() => CheckLengths(new RequestCheck()).ThrowIfAny();

    /// <summary>
    /// The less-conscious affect is not required: it is the practitioner's hypothesis and is often
    /// named only as the work goes on.
    /// </summary>
    internal void ValidateComplete() =>
        CheckLengths(new RequestCheck())
            .RequiredText("ipaf.self_representation", SelfRepresentation, TextLimits.IpafPart)
            .RequiredText("ipaf.other_representation", OtherRepresentation, TextLimits.IpafPart)
            .RequiredText("ipaf.linking_affects.conscious", LinkingAffects?.Conscious, TextLimits.IpafPart)
            .RequiredText("ipaf.defensive_function", DefensiveFunction, TextLimits.IpafPart)
            .ThrowIfAny();

    private RequestCheck CheckLengths(RequestCheck check) =>
        check
            .That(LinkingAffects is not null, "ipaf.linking_affects", "must be present, even if its parts are still empty")
            .OptionalText("ipaf.self_representation", SelfRepresentation, TextLimits.IpafPart)
            .OptionalText("ipaf.other_representation", OtherRepresentation, TextLimits.IpafPart)
            .OptionalText("ipaf.linking_affects.conscious", LinkingAffects?.Conscious, TextLimits.IpafPart)
            .OptionalText("ipaf.linking_affects.less_conscious", LinkingAffects?.LessConscious, TextLimits.IpafPart)
            .OptionalText("ipaf.defensive_function", DefensiveFunction, TextLimits.IpafPart)
            .OptionalText("ipaf.therapy_relationship", TherapyRelationship, TextLimits.IpafPart);
}
