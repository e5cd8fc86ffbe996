using DitCloud.Formulation.Domain.Events;

namespace DitCloud.Formulation.Domain.Ipaf;

/// <summary>The formulation after an attended session, and the overdue event to publish if this session made it overdue.</summary>
public sealed record SessionAttendanceOutcome(IpafFormulation Formulation, FormulationOverdue? Overdue);
