namespace DitCloud.Outcomes.Domain.Kpis;

/// <summary>Computes the service KPIs from the read model's course records.</summary>
public static class KpiCalculator
{
    /// <param name="asOf">Today (local): running waits for a second session are measured up to it.</param>
    /// <param name="practitionerId">Only this practitioner's courses; null for the whole service.</param>
    public static ServiceKpis Compute(IEnumerable<CourseKpiRecord> courses, ReportingPeriod period, DateOnly asOf, Guid? practitionerId = null)
    {
        var mine = courses.Where(course => practitionerId is null || course.PractitionerId == practitionerId).ToList();

        var finished = mine
            .Where(course => course.Outcome.FinishedTreatment == true && course.EndedOn is { } ended && period.Contains(ended))
            .Select(course => course.Outcome.Classification!)
            .ToList();
        var atCasenessAtStart = finished.Where(classification => classification.Recovered is not null).ToList();

        var started = mine.Where(course => course.FirstSessionOn is { } first && period.Contains(first)).ToList();
        var waits = started.Select(course => course.DaysToFirstSession!.Value).ToList();
        var secondWaits = started.Select(course => course.DaysFirstToSecondSession(asOf)).OfType<int>().ToList();

        return new ServiceKpis(
            period,
            practitionerId,
            finished.Count,
            Rate.Of(atCasenessAtStart, classification => classification.Recovered == true),
            Rate.Of(finished, classification => classification.ReliableImprovement),
            Rate.Of(atCasenessAtStart, classification => classification.ReliableRecovery == true),
            Rate.Of(finished, classification => classification.ReliableDeterioration),
            started.Count,
            Rate.Of(waits, days => days <= KpiStandards.SixWeeksInDays),
            Rate.Of(waits, days => days <= KpiStandards.EighteenWeeksInDays),
            Median(waits),
            secondWaits.Count(days => days > KpiStandards.SecondSessionWatchDays),
            secondWaits.Count(days => days > KpiStandards.SecondSessionLongWaitDays));
    }

    /// <summary>The KPIs of each practitioner with a course in <paramref name="courses"/>.</summary>
    public static IReadOnlyDictionary<Guid, ServiceKpis> ByPractitioner(IEnumerable<CourseKpiRecord> courses, ReportingPeriod period, DateOnly asOf)
    {
        var all = courses.ToList();
        return all.Select(course => course.PractitionerId)
            .Distinct()
            .ToDictionary(id => id, id => Compute(all, period, asOf, id));
    }

    private static double? Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
