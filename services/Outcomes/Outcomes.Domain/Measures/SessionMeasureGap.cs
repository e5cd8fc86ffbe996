using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Domain.Measures;

/// <summary>An attended session whose measures are missing, wholly or in part.</summary>
/// <param name="NothingRecorded">No measures at all were recorded for the session.</param>
/// <param name="Missing">The session-by-session measures (PHQ-9, GAD-7) not taken.</param>
public sealed record SessionMeasureGap(int SessionNumber, bool NothingRecorded, IReadOnlyList<Questionnaire> Missing);
