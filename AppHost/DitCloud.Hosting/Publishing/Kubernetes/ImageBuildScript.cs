using System.Text;
using DitCloud.Hosting.Model;

namespace DitCloud.Hosting.Publishing.Kubernetes;

/// <summary>
/// The images the manifests name, built by the .NET SDK's container support (no Dockerfile, no
/// Docker needed to build): one `dotnet publish -t:PublishContainer` per project, from the same model.
/// </summary>
internal static class ImageBuildScript
{
    public static string For(IReadOnlyList<Resource> model, PublishOptions options)
    {
        // "host[:port]/path" pushes to that registry; a bare path loads into the local Docker or Podman.
        var slash = options.Registry.IndexOf('/');
        var first = slash < 0 ? options.Registry : options.Registry[..slash];
        var hasHost = first.Contains('.') || first.Contains(':') || first == "localhost";
        var registry = hasHost ? first : null;
        var prefix = hasHost ? (slash < 0 ? "" : options.Registry[(slash + 1)..] + "/") : options.Registry + "/";

        var script = new StringBuilder();
        script.Append("#!/usr/bin/env bash\n");
        script.Append("# Builds and pushes every image the manifests use. Written by `publish kubernetes`; run from the repository root.\n");
        script.Append("set -euo pipefail\n");
        foreach (var project in model.OfType<ProjectResource>())
        {
            script.Append($"dotnet publish {project.ProjectFile} -c Release -t:PublishContainer");
            if (registry is not null) script.Append($" -p:ContainerRegistry={registry}");
            script.Append($" -p:ContainerRepository={prefix}{project.Name} -p:ContainerImageTags={options.Tag}\n");
        }
        return script.ToString();
    }
}
