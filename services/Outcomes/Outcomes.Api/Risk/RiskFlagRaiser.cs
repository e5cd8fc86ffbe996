using DitCloud.Contracts.Events.V1;
using DitCloud.Messaging.Outbox;
using DitCloud.Outcomes.Api.Courses;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Risk;
using DitCloud.Persistence;
using Contract = DitCloud.Contracts.Events.V1;
using RiskFlag = DitCloud.Outcomes.Domain.Risk.RiskFlag;

namespace DitCloud.Outcomes.Api.Risk;

/// <summary>
/// Turns what the risk screen found into flags on the course, each with its RiskFlagRaised event
/// (through the outbox, so notification consumers alert the practitioner and supervisor) and an
/// audit record, in the caller's unit of work.
/// </summary>
public sealed class RiskFlagRaiser(OutcomesDbContext db, IOutbox outbox, IAuditTrail audit)
{
    public const string Resource = "risk-flag";

    public IReadOnlyList<RiskFlagRow> Raise(
        CourseRecord course, MeasureSetRow source, MeasureSet set, IReadOnlyList<RiskSignal> signals, AuditActor actor, DateTimeOffset now)
    {
        var raised = new List<RiskFlagRow>(signals.Count);
        foreach (var signal in signals)
        {
            var flag = RiskFlag.Raise(Guid.CreateVersion7(), course.Id, set, signal, now);
            var row = RiskFlagRows.ToRow(flag, source.Phq9Item9);
            course.RiskFlags.Add(row);
            db.RiskFlags.Add(row);
            outbox.Publish(new RiskFlagRaised(Guid.CreateVersion7(), now, flag.Id, course.Id, set.Id, flag.SessionNumber ?? 0,
                (Contract.RiskFlagReason)(int)signal.Reason), course.Id.ToString());
            audit.Record(actor, AuditAction.Create, Resource, flag.Id.ToString(), course.Row.PatientReference, $"raised ({signal.Reason})");
            raised.Add(row);
        }

        return raised;
    }
}
