using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Domain.Assignment;

/// <summary>
/// Chooses the practitioner for a new DIT course by one explainable rule:
/// only eligible practitioners (psychodynamic background, at least 150 supervised hours,
/// accredited or a supervised trainee, offering the patient's delivery mode, with capacity);
/// accredited practitioners before trainees; then the most spare capacity; then the lowest id,
/// so the same inputs always give the same choice.
/// </summary>
public static class PractitionerAssigner
{
    public static AssignmentDecision Assign(IReadOnlyCollection<Practitioner> practitioners, DeliveryMode mode)
    {
        DitDeliveryModes.EnsureOffered(mode, "delivery_mode");

        var checks = practitioners.Select(p => (Practitioner: p, Reason: DitEligibility.Check(p, mode))).ToList();
        var ranked = checks
            .Where(c => c.Reason is null)
            .Select(c => c.Practitioner)
            .OrderByDescending(p => p.IsAccredited)
            .ThenByDescending(p => p.SpareCapacity)
            .ThenBy(p => p.Id)
            .ToList();

        if (ranked.Count == 0)
        {
            return new(null, NoCapacityReason(checks.Select(c => c.Reason!.Value).ToList(), mode));
        }

        return new(ranked[0], AssignedReason(ranked, mode));
    }

    private static string AssignedReason(IReadOnlyList<Practitioner> ranked, DeliveryMode modeWanted)
    {
        var chosen = ranked[0];
        var mode = DitDeliveryModes.Describe(modeWanted);
        var tier = chosen.IsAccredited
            ? $"Assigned accredited DIT practitioner {chosen.Id}: accredited practitioners are preferred to trainees"
            : $"Assigned DIT trainee {chosen.Id} (supervised by {chosen.SupervisorId}): no accredited practitioner offering {mode} has capacity";
        var peers = ranked.Where(p => p.IsAccredited == chosen.IsAccredited).ToList();
        var tied = peers.Count(p => p.SpareCapacity == chosen.SpareCapacity) - 1;
        var tieBreak = tied > 0 ? $", tied with {tied} other(s) and chosen by lowest practitioner id" : "";

        return $"{tier}; most spare capacity among them ({chosen.SpareCapacity} of {chosen.MaxCaseload} places free){tieBreak}; " +
            $"{ranked.Count} eligible practitioner(s) offer {mode}.";
    }

    private static string NoCapacityReason(IReadOnlyList<Ineligibility> reasons, DeliveryMode modeWanted)
    {
        var mode = DitDeliveryModes.Describe(modeWanted);
        if (reasons.Count == 0)
        {
            return $"No capacity: no practitioners are registered for {mode} DIT; the patient waits in the queue.";
        }

        var counts = reasons
            .GroupBy(r => r)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {DitEligibility.Describe(g.Key, modeWanted)}");
        return $"No capacity: none of {reasons.Count} practitioner(s) can take a {mode} DIT case " +
            $"({string.Join(", ", counts)}); the patient waits in the queue.";
    }
}
