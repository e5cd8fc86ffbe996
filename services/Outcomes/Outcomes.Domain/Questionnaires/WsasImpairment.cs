namespace DitCloud.Outcomes.Domain.Questionnaires;

/// <summary>WSAS bands of functional impairment by total.</summary>
public enum WsasImpairment
{
    /// <summary>0-9.</summary>
    Subclinical = 1,

    /// <summary>10-20: significant functional impairment.</summary>
    Significant = 2,

    /// <summary>21-40: moderately severe impairment or worse.</summary>
    ModeratelySevereOrWorse = 3,
}
