using DitCloud.Hosting.Processes;
using Spectre.Console;

namespace DitCloud.Hosting.Orchestration;

/// <summary>One merged log: every line prefixed with its resource's name, each resource in its own colour.</summary>
public sealed class ConsoleLogSink : ILogSink
{
    private static readonly Color[] Palette = [Color.Aqua, Color.Yellow, Color.Fuchsia, Color.Lime, Color.Orange1, Color.DeepSkyBlue1, Color.Violet, Color.SpringGreen1];
    private readonly Dictionary<string, Color> _colours = [];
    private readonly Lock _lock = new();
    private int _width = 8;

    public ConsoleLogSink()
    {
        // Piped to a file or another program, a log line must not be wrapped at 80 columns.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 1000;
    }

    public void Write(string resource, LogLevelHint level, string line)
    {
        lock (_lock)
        {
            if (!_colours.TryGetValue(resource, out var colour))
            {
                _colours[resource] = colour = Palette[_colours.Count % Palette.Length];
                _width = Math.Max(_width, resource.Length);
            }
            var prefix = Markup.Escape(resource.PadRight(_width));
            var text = Markup.Escape(line);
            var body = level switch
            {
                LogLevelHint.Host => $"[bold]{text}[/]",
                LogLevelHint.Error => $"[red]{text}[/]",
                _ => text,
            };
            AnsiConsole.MarkupLine($"[{colour.ToMarkup()}]{prefix}[/] | {body}");
        }
    }
}
