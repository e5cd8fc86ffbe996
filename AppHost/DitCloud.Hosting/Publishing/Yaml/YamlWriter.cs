using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DitCloud.Hosting.Publishing.Yaml;

/// <summary>
/// Writes <see cref="YamlMap"/> documents in block style, two spaces per level, "\n" line ends.
/// A string is written plain only when it cannot be read as anything else (a number, a boolean,
/// null); otherwise double-quoted with JSON-style escapes, which YAML reads the same way.
/// Multi-line strings are written as literal blocks.
/// </summary>
public static partial class YamlWriter
{
    /// <summary>Several documents, separated by "---", as one file.</summary>
    public static string Write(IEnumerable<YamlMap> documents)
    {
        var text = new StringBuilder();
        foreach (var document in documents)
        {
            if (text.Length > 0) text.Append("---\n");
            WriteMap(text, document, 0);
        }
        return text.ToString();
    }

    public static string Write(YamlMap document) => Write([document]);

    /// <summary>A sequence as a whole document (a JSON patch's list of operations).</summary>
    public static string WriteSequence(IEnumerable<object> items)
    {
        var text = new StringBuilder();
        WriteList(text, [.. items], 0);
        return text.ToString();
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent)
    {
        foreach (var (key, value) in map)
        {
            text.Append(' ', indent).Append(Scalar(key)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    /// <summary>Writes what follows "key:" or "-": inline for scalars and empty collections, on the next lines otherwise.</summary>
    private static void WriteValue(StringBuilder text, object value, int indent)
    {
        switch (value)
        {
            case YamlMap { Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlMap map:
                text.Append('\n');
                WriteMap(text, map, indent + 2);
                break;
            case string s when s.Contains('\n') && !s.StartsWith(' ') && !s.Contains('\r'):
                text.Append(s.EndsWith('\n') ? " |\n" : " |-\n");
                foreach (var line in s.TrimEnd('\n').Split('\n'))
                {
                    if (line.Length > 0) text.Append(' ', indent + 2).Append(line);
                    text.Append('\n');
                }
                break;
            case IEnumerable list and not string:
                var items = list.Cast<object>().ToList();
                if (items.Count == 0)
                {
                    text.Append(" []\n");
                    break;
                }
                text.Append('\n');
                WriteList(text, items, indent + 2);
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteList(StringBuilder text, List<object> items, int indent)
    {
        foreach (var item in items)
        {
            text.Append(' ', indent).Append('-');
            if (item is YamlMap { Count: > 0 } map)
            {
                // The first entry shares the dash's line; the rest line up under it.
                var first = true;
                foreach (var (key, value) in map)
                {
                    text.Append(' ', first ? 1 : indent + 2).Append(Scalar(key)).Append(':');
                    WriteValue(text, value, indent + 2);
                    first = false;
                }
            }
            else
            {
                WriteValue(text, item, indent);
            }
        }
    }

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        string s => IsPlainSafe(s) ? s : Quoted(s),
        _ => throw new ArgumentException($"YAML here holds strings, numbers, booleans, maps and lists, not a {value.GetType().Name}."),
    };

    /// <summary>Plain only for words like "referral-db", "apps/v1" or "http": never what a reader could take for a number, boolean or null.</summary>
    private static bool IsPlainSafe(string s) => PlainWord().IsMatch(s) && !ReservedWords.Contains(s.ToLowerInvariant());

    /// <summary>Words YAML 1.1 or 1.2 readers turn into booleans, null or special numbers.</summary>
    private static readonly HashSet<string> ReservedWords = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf"];

    private static string Quoted(string s)
    {
        var text = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: text.Append(c); break;
            }
        }
        return text.Append('"').ToString();
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._/-]*$")]
    private static partial Regex PlainWord();
}
