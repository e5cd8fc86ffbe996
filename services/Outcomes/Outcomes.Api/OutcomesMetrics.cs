using System.Diagnostics.Metrics;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Domain.Risk;
using DitCloud.ServiceDefaults.Telemetry;

namespace DitCloud.Outcomes.Api;

/// <summary>
/// Risk flags raised (meter "DitCloud.Outcomes"), counted once the measures that raised them have
/// committed, by reason: a closed set, never anything that identifies a patient, a course or a flag.
/// </summary>
public sealed class OutcomesMetrics
{
    private static readonly EnumTag<RiskFlagReason> Reason = new("dit.outcomes.risk_reason");

    private readonly Counter<long> riskFlags;

    public OutcomesMetrics(IMeterFactory meterFactory) =>
        riskFlags = meterFactory.Create(DitMetrics.MeterName("Outcomes"))
            .CreateCounter<long>("dit.outcomes.risk_flags", "{flag}", "Risk flags raised for a clinician to assess, by reason");

    public void RiskFlagsRaised(IEnumerable<RiskFlagRow> flags)
    {
        foreach (var flag in flags) riskFlags.Add(1, Reason[flag.Reason]);
    }
}
