using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DitCloud.Hosting.Telemetry;

/// <summary>
/// Two small pages for a developer: the recent traces, and one trace as a span tree with each span's
/// duration and place on the timeline, followed by the logs written inside it. Plain HTML, no script.
/// </summary>
internal static class TracePages
{
    private const string Html = "text/html; charset=utf-8";

    private const string Style = """
        <style>
          body { font: 14px system-ui, sans-serif; margin: 1.5em; color: #222 }
          table { border-collapse: collapse; width: 100% } td, th { padding: 3px 8px; text-align: left; vertical-align: top }
          tr:nth-child(even) { background: #f6f6f6 } .num { text-align: right; white-space: nowrap }
          .error { color: #b00020 } .kind, .muted { color: #777; font-size: 12px }
          .lane { position: relative; min-width: 300px; height: 14px } .bar { position: absolute; height: 10px; top: 2px; background: #4a7bd0; min-width: 2px }
          .error .bar { background: #b00020 } details { display: inline } dl { margin: 4px 0; font-size: 12px } dt { font-weight: 600 } dd { margin-left: 1em }
        </style>
        """;

    public static void Map(WebApplication app, TelemetryStore store)
    {
        app.MapGet("/", () => Results.Content(Index(store.RecentTraces(200)), Html));
        app.MapGet("/traces/{traceId}", (string traceId) =>
        {
            var spans = store.Trace(traceId.ToLowerInvariant());
            return spans.Count == 0
                ? Results.Content(Page("Trace not found", $"<p>No spans of trace {Encode(traceId)} have arrived (or they were evicted). <a href=\"/\">Recent traces</a></p>"), Html, statusCode: 404)
                : Results.Content(Trace(spans, store.Logs.Where(l => l.TraceId == spans[0].TraceId).OrderBy(l => l.Time).ToList()), Html);
        });
    }

    private static string Index(IReadOnlyList<TraceSummary> traces)
    {
        var html = new StringBuilder("<p class=\"muted\">Newest first; refreshes every 5 s.</p><table><tr><th>started</th><th>trace</th><th>services</th><th class=\"num\">spans</th><th class=\"num\">duration</th></tr>");
        foreach (var trace in traces)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr{(trace.HasError ? " class=\"error\"" : "")}><td>{trace.Start.ToLocalTime():HH:mm:ss.fff}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><a href=\"/traces/{trace.TraceId}\">{Encode(trace.RootService)}: {Encode(trace.RootName)}</a></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Encode(string.Join(", ", trace.Services))}</td><td class=\"num\">{trace.SpanCount}</td><td class=\"num\">{Duration(trace.Duration)}</td></tr>");
        }
        if (traces.Count == 0) html.Append("<tr><td colspan=\"5\">No traces yet: call a service.</td></tr>");
        return Page("Recent traces", html.Append("</table>").ToString(), refresh: true);
    }

    private static string Trace(IReadOnlyList<ReceivedSpan> spans, IReadOnlyList<ReceivedLog> logs)
    {
        var summary = TraceSummary.Of(spans);
        var start = summary.Start;
        var total = Math.Max(summary.Duration.Ticks, 1);
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"/\">Recent traces</a> · trace {summary.TraceId} · {Encode(string.Join(", ", summary.Services))} · {summary.SpanCount} spans · {Duration(summary.Duration)}</p>")
            .Append("<table><tr><th>span</th><th>service</th><th class=\"num\">duration</th><th>timeline</th></tr>");
        foreach (var node in TraceNode.Build(spans).SelectMany(root => root.DepthFirst()))
        {
            var span = node.Span;
            var left = 100.0 * (span.Start - start).Ticks / total;
            var width = 100.0 * span.Duration.Ticks / total;
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"span{(span.Status == ReceivedSpanStatus.Error ? " error" : "")}\" data-depth=\"{node.Depth}\">")
                .Append(CultureInfo.InvariantCulture, $"<td style=\"padding-left:{0.5 + node.Depth * 1.5:0.0}em\"><details><summary>{Encode(span.Name)}</summary>{Attributes(span)}</details>")
                .Append(CultureInfo.InvariantCulture, $" <span class=\"kind\">{span.Kind.ToString().ToLowerInvariant()}{(node.ParentMissing ? ", parent not received" : "")}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Encode(span.Source.ServiceName)}</td><td class=\"num\">{Duration(span.Duration)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><div class=\"lane\"><div class=\"bar\" style=\"left:{left:0.##}%;width:{width:0.##}%\"></div></div></td></tr>");
        }
        html.Append("</table><h2>Logs in this trace</h2><table><tr><th>time</th><th>service</th><th>level</th><th>category</th><th>message</th></tr>");
        foreach (var log in logs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{log.Time.ToLocalTime():HH:mm:ss.fff}</td><td>{Encode(log.Source.ServiceName)}</td><td>{Encode(log.SeverityText)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Encode(log.Category)}</td><td>{Encode(log.Body)}</td></tr>");
        }
        if (logs.Count == 0) html.Append("<tr><td colspan=\"5\">None.</td></tr>");
        return Page($"{summary.RootService}: {summary.RootName}", html.Append("</table>").ToString());
    }

    private static string Attributes(ReceivedSpan span)
    {
        var html = new StringBuilder("<dl>");
        if (span.StatusMessage.Length > 0) html.Append(CultureInfo.InvariantCulture, $"<dt>status</dt><dd>{Encode(span.StatusMessage)}</dd>");
        foreach (var (key, value) in span.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>{Encode(key)}</dt><dd>{Encode(Convert.ToString(value, CultureInfo.InvariantCulture))}</dd>");
        }
        foreach (var e in span.Events)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>event {Encode(e.Name)} at +{Duration(e.Time - span.Start)}</dt>");
            foreach (var (key, value) in e.Attributes) html.Append(CultureInfo.InvariantCulture, $"<dd>{Encode(key)}: {Encode(Convert.ToString(value, CultureInfo.InvariantCulture))}</dd>");
        }
        return html.Append("</dl>").ToString();
    }

    private static string Page(string title, string body, bool refresh = false) =>
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{Encode(title)} - DitCloud traces</title>" +
        (refresh ? "<meta http-equiv=\"refresh\" content=\"5\">" : "") + Style + $"</head><body><h1>{Encode(title)}</h1>{body}</body></html>";

    internal static string Duration(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.000} ms"),
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.00} s"),
    };

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
