namespace DitCloud.Hosting.Orchestration;

/// <summary>How the AppHost runs: where state lives, and whether to start from nothing.</summary>
public sealed record AppHostOptions
{
    /// <summary>Where every server keeps its data between runs (a directory per resource).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Wipe the state directory before starting.</summary>
    public bool Fresh { get; init; }

    /// <summary>The build configuration whose output projects run from.</summary>
    public string Configuration { get; init; } = "Debug";

    /// <summary>The repository root, where project paths start.</summary>
    public required string RepositoryRoot { get; init; }

    public bool Durable { get; init; } = true;

    /// <summary>Instances of each project that does not set its own WithReplicas.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Set by `publish ...`: write deployment manifests from the model instead of running it.</summary>
    public Publishing.PublishOptions? Publish { get; init; }

    public const string Usage = """
        Usage: dotnet run --project AppHost/DitCloud.AppHost -- [options]
          --state-dir DIR        where servers keep their data (default: .state/ in the repository)
          --fresh                wipe the state directory first
          --configuration NAME   build configuration of the projects to run (default: Debug)
          --replicas N           instances of each project without its own WithReplicas (default: 1)
        or: dotnet run --project AppHost/DitCloud.AppHost -- publish kubernetes --output DIR [options]
        """ + Publishing.PublishOptions.Usage;

    public static AppHostOptions Parse(string[] args)
    {
        var root = FindRepositoryRoot();
        if (args is ["publish", .. var publishArgs])
        {
            return new AppHostOptions { StateDirectory = Path.Combine(root, ".state"), RepositoryRoot = root, Publish = Publishing.PublishOptions.Parse(publishArgs) };
        }
        string? state = null;
        var replicas = 1;
        var fresh = false;
        var configuration = "Debug";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--state-dir" when i + 1 < args.Length: state = Path.GetFullPath(args[++i]); break;
                case "--fresh": fresh = true; break;
                case "--configuration" when i + 1 < args.Length: configuration = args[++i]; break;
                case "--replicas" when i + 1 < args.Length && int.TryParse(args[i + 1], out var count) && count >= 1: replicas = count; i++; break;
                case "--replicas": throw new ArgumentException($"--replicas needs a whole number of instances, 1 or more.{Environment.NewLine}{Usage}");
                default: throw new ArgumentException($"Unknown or incomplete option '{args[i]}'.{Environment.NewLine}{Usage}");
            }
        }
        return new AppHostOptions
        {
            StateDirectory = state ?? Path.Combine(root, ".state"),
            Fresh = fresh,
            Configuration = configuration,
            Replicas = replicas,
            RepositoryRoot = root,
        };
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DitCloud.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("DitCloud.sln was not found above the AppHost's directory; run the AppHost from the repository.");
    }
}
