using DitCloud.Outcomes.Domain.Kpis;

namespace DitCloud.Outcomes.Api.Kpis;

/// <summary>The KPIs of a period for the whole service or one practitioner, as of a moment.</summary>
public sealed record KpiFigures(ServiceKpis Kpis, Rate DidNotAttend, DateTimeOffset ComputedAt);

/// <summary>The service's (or one practitioner's) figures, with each practitioner's when asked.</summary>
public sealed record KpiReport(KpiFigures Overall, IReadOnlyList<KpiFigures> ByPractitioner);
