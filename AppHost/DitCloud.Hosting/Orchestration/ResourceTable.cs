using System.Text.RegularExpressions;
using DitCloud.Hosting.Model;
using Spectre.Console;

namespace DitCloud.Hosting.Orchestration;

/// <summary>The table printed once everything is ready: what runs, where, and how to connect.</summary>
internal static partial class ResourceTable
{
    public static void Print(IReadOnlyList<Resource> resources, TimeSpan elapsed)
    {
        var table = new Table().Title($"DitCloud is ready ({elapsed.TotalSeconds:0.0} s) - Ctrl-C stops everything")
            .AddColumn("Resource").AddColumn("Kind").AddColumn("Endpoint");
        foreach (var resource in resources)
        {
            if (resource is ProjectResource { Instances.Count: > 1 } replicated)
            {
                foreach (var instance in replicated.Instances)
                {
                    table.AddRow(Markup.Escape(instance.InstanceId), "project", $"grpc http://127.0.0.1:{instance.GrpcPort}  web http://127.0.0.1:{instance.HttpPort}");
                }
                continue;
            }
            var (kind, endpoint) = resource switch
            {
                ServerResource s => (s.Server!.Kind, MaskPasswords(s.GetConnectionString())),
                PostgresDatabaseResource d => ("database", MaskPasswords(d.GetConnectionString())),
                ProjectResource p => ("project", $"grpc http://127.0.0.1:{p.GrpcPort}  web http://127.0.0.1:{p.HttpPort}"),
                _ => (resource.GetType().Name, ""),
            };
            table.AddRow(Markup.Escape(resource.Name), Markup.Escape(kind), Markup.Escape(endpoint));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]Passwords are in each server's directory under the state directory.[/]");
    }

    private static string MaskPasswords(string connection) =>
        UriPassword().Replace(KeyValuePassword().Replace(connection, "$1***"), "$1***$2");

    [GeneratedRegex("(password=)[^;,]+", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValuePassword();

    [GeneratedRegex("(://[^:/@]+:)[^@]+(@)")]
    private static partial Regex UriPassword();
}
