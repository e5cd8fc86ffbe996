namespace DitCloud.Referral.Domain;

/// <summary>Current risk at referral. <paramref name="Details"/> is clinical text: required from moderate up.</summary>
public sealed record RiskInformation(RiskLevel Level, string? Details)
{
    /// <summary>Redacted: the details are clinical text.</summary>
    public override string ToString() => $"RiskInformation {{ Level = {Level} }}";
}
