namespace DitCloud.Hosting.Telemetry;

/// <summary>
/// A trace's spans arranged by their parent links. A span whose parent has not arrived (or never
/// will: it belongs to a caller that exports elsewhere) is shown as a root and marked so.
/// </summary>
public sealed record TraceNode(ReceivedSpan Span, int Depth, bool ParentMissing, IReadOnlyList<TraceNode> Children)
{
    public static IReadOnlyList<TraceNode> Build(IReadOnlyList<ReceivedSpan> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans.Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .ToLookup(s => s.ParentSpanId!, StringComparer.Ordinal);
        return [.. spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId))
            .OrderBy(s => s.Start)
            .Select(root => Node(root, 0, root.ParentSpanId is not null))];

        TraceNode Node(ReceivedSpan span, int depth, bool parentMissing) =>
            new(span, depth, parentMissing, [.. children[span.SpanId].OrderBy(c => c.Start).Select(c => Node(c, depth + 1, false))]);
    }

    /// <summary>This node and everything below it, depth first: the order a tree is drawn in.</summary>
    public IEnumerable<TraceNode> DepthFirst() => Children.SelectMany(c => c.DepthFirst()).Prepend(this);
}
