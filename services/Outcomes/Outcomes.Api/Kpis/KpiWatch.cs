using System.Runtime.CompilerServices;
using DitCloud.Outcomes.Domain.Kpis;
using Microsoft.Extensions.Options;

namespace DitCloud.Outcomes.Api.Kpis;

/// <summary>
/// WatchKpis: the figures now, then again whenever they differ from the last ones sent, at most once
/// per the caller's minimum interval. A stream recomputes when any replica commits a change
/// (<see cref="KpiChanges"/>) and at the refresh interval in any case.
/// </summary>
public sealed class KpiWatch(KpiQueries queries, KpiChanges changes, TimeProvider clock, IOptions<OutcomesOptions> options)
{
    private readonly TimeSpan refresh = options.Value.KpiRefreshInterval;

    public async IAsyncEnumerable<KpiFigures> WatchAsync(
        ReportingPeriod period, Guid? practitionerId, TimeSpan minInterval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        KpiFigures? sent = null;
        var sentAt = 0L;
        while (true)
        {
            var wake = changes.NextChange;
            var figures = (await queries.ComputeAsync(period, practitionerId, byPractitioner: false, cancellationToken)).Overall;
            if (sent is null || figures.Kpis != sent.Kpis || figures.DidNotAttend != sent.DidNotAttend)
            {
                yield return figures;
                sent = figures;
                sentAt = clock.GetTimestamp();
            }

            await Task.WhenAny(wake, Task.Delay(refresh, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            var sinceSent = clock.GetElapsedTime(sentAt);
            if (sinceSent < minInterval) await Task.Delay(minInterval - sinceSent, cancellationToken);
        }
    }
}
