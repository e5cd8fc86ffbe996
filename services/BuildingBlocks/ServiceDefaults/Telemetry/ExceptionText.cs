using System.Text;
using DitCloud.Domain;

namespace DitCloud.ServiceDefaults.Telemetry;

/// <summary>
/// Exceptions described by their types and stack frames only. Messages are left out because they
/// can quote data: "The input string '943 476 5919' was not in a correct format", a database's
/// "invalid input syntax for type integer: ...". Our own <see cref="DomainException"/> messages are
/// written never to carry personal data, so they are kept.
/// </summary>
public static class ExceptionText
{
    public const string Withheld = "(message withheld: exception messages may carry personal data)";

    /// <summary>
    /// True when the exception and its inner ones may be shown as they are: a domain failure (its
    /// message is written for the caller), or one already scrubbed (logged again, it keeps the
    /// original's type name rather than being wrapped a second time).
    /// </summary>
    public static bool IsSafeToShow(Exception exception) => exception is DomainException { InnerException: null } or ScrubbedException;

    /// <summary>Like <see cref="Exception.ToString"/>, without any message that is not safe to show.</summary>
    public static string Describe(Exception exception) => Describe(exception, keepSafeMessages: true);

    /// <summary>Like <see cref="Exception.ToString"/>, without any message at all: types and frames.</summary>
    public static string Frames(Exception exception) => Describe(exception, keepSafeMessages: false);

    /// <summary>True when the text carries no message: what <see cref="WithoutMessages"/> leaves unchanged.</summary>
    public static bool IsWithoutMessages(string recorded) => WithoutMessages(recorded) == recorded;

    private static string Describe(Exception exception, bool keepSafeMessages)
    {
        var text = new StringBuilder();
        Append(text, exception, keepSafeMessages);
        return text.ToString();
    }

    /// <summary>
    /// An exception's text as instrumentation recorded it (Exception.ToString()) with every message
    /// line removed: type names and "at ..." frames stay.
    /// </summary>
    public static string WithoutMessages(string recorded)
    {
        var text = new StringBuilder();
        var first = true;
        foreach (var line in recorded.Split('\n'))
        {
            var trimmed = line.TrimStart();
            // .NET writes each frame as three spaces and "at "; a message line rarely looks like that.
            if (line.StartsWith("   at ", StringComparison.Ordinal) || trimmed.StartsWith("--- End of ", StringComparison.Ordinal))
            {
                text.Append(line.TrimEnd('\r')).Append('\n');
            }
            else if (first || trimmed.StartsWith("---> ", StringComparison.Ordinal))
            {
                var head = trimmed.StartsWith("---> ", StringComparison.Ordinal) ? trimmed[5..] : trimmed;
                // "Type: message" or "Type (0x80004005): message": the type name ends at the first space or colon.
                var end = head.IndexOfAny([' ', ':']);
                var type = end < 0 ? head.TrimEnd('\r') : head[..end];
                if (LooksLikeTypeName(type)) text.Append(first ? "" : " ---> ").Append(type).Append(' ').Append(Withheld).Append('\n');
            }
            first = false;
        }
        return text.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder text, Exception exception, bool keepSafeMessages)
    {
        text.Append(exception.GetType().FullName);
        if (keepSafeMessages && IsSafeToShow(exception)) text.Append(": ").Append(exception.Message);
        else text.Append(' ').Append(Withheld);
        IEnumerable<Exception> inners = exception is AggregateException aggregate ? aggregate.InnerExceptions
            : exception.InnerException is { } only ? [only] : [];
        foreach (var inner in inners)
        {
            text.Append(Environment.NewLine).Append(" ---> ");
            Append(text, inner, keepSafeMessages);
            text.Append(Environment.NewLine).Append("   --- End of inner exception stack trace ---");
        }
        if (exception.StackTrace is { } frames) text.Append(Environment.NewLine).Append(frames);
    }

    // A namespaced .NET type name; anything else on such a line is treated as message text.
    private static bool LooksLikeTypeName(string text) =>
        text.Length is > 2 and < 300 && char.IsLetter(text[0]) && text.Contains('.') && text.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '`' or '+' or '<' or '>' or '[' or ']' or ',');
}
