using System.Diagnostics;
using System.Text.Json;

namespace DitCloud.Publishing.Tests;

/// <summary>The images `publish kubernetes` names are built by the SDK's container support with the repository's settings.</summary>
public sealed class ContainerSettingsTests
{
    [Fact]
    public async Task A_web_project_builds_a_chiseled_non_root_image_exposing_both_ports()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "msbuild", Path.Combine(TestModel.RepositoryRoot, TestModel.SampleProject), "-nologo", "-t:ComputeContainerBaseImage",
            "-getProperty:SDKContainerSupportEnabled", "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser", "-getItem:ContainerPort",
        })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        process.ExitCode.ShouldBe(0, output);

        using var json = JsonDocument.Parse(output);
        var properties = json.RootElement.GetProperty("Properties");
        properties.GetProperty("SDKContainerSupportEnabled").GetString().ShouldBe("true");
        properties.GetProperty("ContainerBaseImage").GetString().ShouldEndWith(":10.0-noble-chiseled-extra");
        properties.GetProperty("ContainerUser").GetString().ShouldBe("app");
        json.RootElement.GetProperty("Items").GetProperty("ContainerPort").EnumerateArray()
            .Select(p => p.GetProperty("Identity").GetString()).ShouldBe(["8080", "8081"]);
    }
}
