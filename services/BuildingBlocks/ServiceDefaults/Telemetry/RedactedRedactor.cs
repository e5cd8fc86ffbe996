using Microsoft.Extensions.Compliance.Redaction;

namespace DitCloud.ServiceDefaults.Telemetry;

/// <summary>
/// Replaces a classified value with a fixed marker: nothing of the value (not even its length)
/// survives, and a reader sees that something was withheld rather than an empty field.
/// </summary>
public sealed class RedactedRedactor : Redactor
{
    public const string Marker = "[redacted]";

    public override int GetRedactedLength(ReadOnlySpan<char> input) => Marker.Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        Marker.CopyTo(destination);
        return Marker.Length;
    }
}
