namespace DitCloud.Outcomes.Domain.Questionnaires;

/// <summary>The questionnaires taken at DIT sessions (NHS Talking Therapies session-by-session monitoring).</summary>
public enum Questionnaire
{
    /// <summary>PHQ-9, depression.</summary>
    Phq9 = 1,

    /// <summary>GAD-7, anxiety.</summary>
    Gad7 = 2,

    /// <summary>Work and Social Adjustment Scale.</summary>
    Wsas = 3,
}
