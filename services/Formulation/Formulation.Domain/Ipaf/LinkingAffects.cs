namespace DitCloud.Formulation.Domain.Ipaf;

/// <summary>The feelings that link the self and the other in the pattern.</summary>
/// <param name="Conscious">What the patient knows they feel.</param>
/// <param name="LessConscious">What the practitioner thinks is felt but kept out of awareness; often only offered tentatively at first.</param>
public sealed record LinkingAffects(string Conscious, string? LessConscious);
