using DitCloud.Hosting.Model;
using DitCloud.Hosting.Processes;
using DitCloud.Hosting.Publishing.Kubernetes;

namespace DitCloud.Hosting.Publishing;

/// <summary>`publish kubernetes --output DIR`: the model written out as manifests instead of run.</summary>
public static class Publisher
{
    public static int Run(IReadOnlyList<Resource> model, PublishOptions options, ILogSink log)
    {
        try
        {
            var files = KubernetesManifests.Create(model, options);
            Write(options.OutputDirectory, files);
            log.Write("publish", LogLevelHint.Host,
                $"wrote {files.Count} files to {options.OutputDirectory}; deploy with 'kubectl apply -k {Path.Combine(options.OutputDirectory, "overlays", "dev")}' (or prod)");
            return 0;
        }
        catch (PublishException e)
        {
            log.Write("publish", LogLevelHint.Error, e.Message);
            return 1;
        }
    }

    /// <summary>Replaces what an earlier publish wrote; a directory holding anything else is left alone.</summary>
    public static void Write(string output, IReadOnlyDictionary<string, string> files)
    {
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any()
            && !File.Exists(Path.Combine(output, "base", "kustomization.yaml")))
        {
            throw new PublishException($"{output} holds files that no publish wrote; publish into an empty or new directory.");
        }
        foreach (var folder in new[] { "base", "overlays" })
        {
            var path = Path.Combine(output, folder);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(output, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            if (path.EndsWith(".sh", StringComparison.Ordinal))
            {
                File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
            }
        }
    }
}
