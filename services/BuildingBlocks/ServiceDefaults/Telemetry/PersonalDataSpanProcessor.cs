using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;

namespace DitCloud.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps the free text of exceptions out of exported spans (a database error can quote the value it
/// rejected); exception types and stack frames stay:
/// <list type="bullet">
/// <item>Activity.AddException (used by Npgsql, .NET and our code) asks listeners for the event's tags
/// first: this processor's listener answers with a redacted message and the frames only.</item>
/// <item>On every finished span, before the exporter sees it, the status description is cleared and
/// exception.* attributes are cleaned.</item>
/// <item>An event is immutable once added. A span with an exception event that still carries a message
/// (a library that builds the event itself, as MassTransit does, around an exception that was not
/// first replaced by a <see cref="ScrubbedException"/>) is not exported at all, and counted in
/// dit.telemetry.withheld_spans: better no span than one that carries personal data.</item>
/// </list>
/// Cost: one pass over the span's tags and events, no allocation unless something is found.
/// </summary>
internal sealed class PersonalDataSpanProcessor : BaseProcessor<Activity>
{
    private const string ExceptionMessage = "exception.message";
    private const string ExceptionStackTrace = "exception.stacktrace";
    private const string LegacyStatusDescription = "otel.status_description";

    private static readonly Meter Meter = new(DitMetrics.MeterName("Telemetry"));
    private static readonly Counter<long> WithheldSpans = Meter.CreateCounter<long>(
        "dit.telemetry.withheld_spans", "{span}", "Spans not exported because an exception event in them carried a message");

    private readonly ActivityListener _exceptionRecorder;

    public PersonalDataSpanProcessor()
    {
        _exceptionRecorder = new ActivityListener
        {
            // Only the sources whose spans are exported; listening adds nothing to sampling (no Sample callback).
            ShouldListenTo = source => source.Name.StartsWith(TelemetryExtensions.SourcePrefix, StringComparison.Ordinal)
                || source.Name is TelemetryExtensions.MassTransitSource or "Npgsql" or "Microsoft.AspNetCore" or "System.Net.Http",
            ExceptionRecorder = RecordWithoutMessage,
        };
        ActivitySource.AddActivityListener(_exceptionRecorder);
    }

    public override void OnEnd(Activity span)
    {
        if (span.StatusDescription is not null) span.SetStatus(span.Status);

        List<string>? tagsToClean = null;
        foreach (ref readonly var tag in span.EnumerateTagObjects())
        {
            if (IsFreeText(tag.Key) && !IsClean(tag.Value)) (tagsToClean ??= []).Add(tag.Key);
        }
        foreach (var key in tagsToClean ?? [])
        {
            span.SetTag(key, key == ExceptionStackTrace ? ExceptionText.WithoutMessages(span.GetTagItem(key)?.ToString() ?? "") : RedactedRedactor.Marker);
        }

        foreach (ref readonly var spanEvent in span.EnumerateEvents())
        {
            if (IsClean(spanEvent)) continue;
            span.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            WithheldSpans.Add(1);
            return;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _exceptionRecorder.Dispose();
        base.Dispose(disposing);
    }

    private static void RecordWithoutMessage(Activity activity, Exception exception, ref TagList tags)
    {
        // Another service's listener in the same process (tests) may have answered already.
        foreach (var tag in tags)
        {
            if (tag.Key == ExceptionMessage) return;
        }
        tags.Add(ExceptionMessage, RedactedRedactor.Marker);
        tags.Add(ExceptionStackTrace, ExceptionText.Frames(exception));
    }

    private static bool IsClean(in ActivityEvent spanEvent)
    {
        foreach (ref readonly var tag in spanEvent.EnumerateTagObjects())
        {
            if (IsFreeText(tag.Key) && !IsClean(tag.Value)) return false;
        }
        return true;
    }

    /// <summary>Redacted, or only exception types and frames (a ScrubbedException's message and stack trace are).</summary>
    private static bool IsClean(object? value) => value switch
    {
        null or RedactedRedactor.Marker => true,
        string text => ExceptionText.IsWithoutMessages(text),
        _ => false,
    };

    private static bool IsFreeText(string key) => key is ExceptionMessage or ExceptionStackTrace or LegacyStatusDescription;
}
