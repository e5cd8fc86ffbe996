using System.Diagnostics;
using DitCloud.Testing;

namespace DitCloud.Publishing.Tests;

/// <summary>The AppHost program as a user runs it: `publish kubernetes --output DIR` writes the real model out.</summary>
public sealed class PublishCommandTests : IDisposable
{
    private readonly TempState _output = new();

    [Fact]
    public async Task The_AppHost_publishes_its_model_instead_of_running_it()
    {
        var output = Path.Combine(_output.Path, "k8s");

        var (code, text) = await RunAppHostAsync("publish", "kubernetes", "--output", output, "--tag", "2.0.0");

        code.ShouldBe(0, text);
        text.ShouldContain($"files to {output}");
        File.Exists(Path.Combine(output, "base", "kustomization.yaml")).ShouldBeTrue();
        File.Exists(Path.Combine(output, "overlays", "dev", "kustomization.yaml")).ShouldBeTrue();
        File.Exists(Path.Combine(output, "overlays", "prod", "kustomization.yaml")).ShouldBeTrue();
        // The real model gives the gateway its signing keys locally: never into a manifest.
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(file).ShouldNotContain("PRIVATE KEY", customMessage: $"{file} holds a private key");
        }
        File.ReadAllText(Path.Combine(output, "base", "gateway.yaml")).ShouldContain("gateway-secrets");
    }

    [Fact]
    public async Task An_unknown_target_or_a_missing_output_is_refused_with_the_usage()
    {
        var (code, text) = await RunAppHostAsync("publish", "helm", "--output", _output.Path);
        code.ShouldNotBe(0);
        text.ShouldContain("Only 'publish kubernetes' is supported.");

        (code, text) = await RunAppHostAsync("publish", "kubernetes");
        code.ShouldNotBe(0);
        text.ShouldContain("publish kubernetes needs --output DIR.");
    }

    private static async Task<(int Code, string Output)> RunAppHostAsync(params string[] args)
    {
        var dll = Path.Combine(TestModel.RepositoryRoot, "AppHost", "DitCloud.AppHost", "bin", TestModel.Configuration, "net10.0", "DitCloud.AppHost.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => _output.Dispose();
}
