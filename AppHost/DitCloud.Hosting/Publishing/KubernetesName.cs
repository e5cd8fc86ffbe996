using System.Text.RegularExpressions;

namespace DitCloud.Hosting.Publishing;

/// <summary>Names Kubernetes accepts for objects and namespaces (RFC 1123 labels).</summary>
public static partial class KubernetesName
{
    public static bool IsValid(string name) => name.Length <= 63 && Label().IsMatch(name);

    /// <summary>The name as it is, or a <see cref="PublishException"/> saying what to rename and how.</summary>
    public static string Require(string name, string what)
    {
        if (IsValid(name)) return name;
        throw new PublishException(
            $"{what} '{name}' cannot be a Kubernetes name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.");
    }

    /// <summary>An environment variable name for a resource: "referral-db" gives "REFERRAL_DB".</summary>
    public static string Variable(string name) => name.ToUpperInvariant().Replace('-', '_');

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex Label();
}

/// <summary>The model cannot be published as it is; the message says what to change.</summary>
public sealed class PublishException(string message) : Exception(message);
