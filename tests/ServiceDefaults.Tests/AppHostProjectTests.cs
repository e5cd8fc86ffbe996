using System.Net.Http.Json;
using DitCloud.Hosting.Model;
using DitCloud.Hosting.Orchestration;
using DitCloud.Hosting.Processes;
using DitCloud.Hosting.Servers;
using DitCloud.Testing;

namespace DitCloud.ServiceDefaults.Tests;

/// <summary>The AppHost runs a real project: wires its references, waits for health, restarts it, reports bad settings.</summary>
public sealed class AppHostProjectTests : IDisposable
{
    private const string SampleProject = "tests/SampleService/DitCloud.SampleService.csproj";
    private readonly TempState _state = new();
    private readonly BufferedLog _log = new();

    [Fact]
    public async Task A_project_gets_its_references_starts_after_them_and_is_restarted_after_a_crash()
    {
        var builder = Builder();
        builder.Log = _log;
        var cache = builder.AddRedis("cache");
        var sample = builder.AddProject("sample", SampleProject).WithReference(cache).WaitFor(cache);
        await using var app = builder.Build();
        
        await app.StartAsync(TestContext.Current.CancellationToken);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{sample.Resource.HttpPort}") };
        (await http.GetFromJsonAsync<string[]>("/connections", TestContext.Current.CancellationToken)).ShouldBe(["cache"]);
        var firstPid = sample.Resource.ProcessId!.Value;

        Posix.Signal(firstPid, Posix.SigKill);

        await WaitUntil(() => _log.Lines.Any(l => l.StartsWith("[sample]") && l.Contains("crashed with exit code") && l.Contains("restarting in")));
        await WaitUntil(() => _log.Lines.Count(l => l.StartsWith("[sample] ready")) == 2);
        (await http.GetAsync("/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode.ShouldBeTrue();
        var secondPid = sample.Resource.ProcessId!.Value;
        secondPid.ShouldNotBe(firstPid);

        await app.StopAsync();
        Posix.Identify(secondPid).ShouldBeNull();
    }

    [Fact]
    public async Task A_project_with_a_bad_setting_fails_fast_and_the_log_names_the_setting()
    {
        var builder = Builder();
        builder.Log = _log;
        builder.AddProject("sample", SampleProject).WithEnvironment("Sample__Threshold", "1000");
        await using var app = builder.Build();
        
        var error = await Should.ThrowAsync<ServerStartException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("'sample' exited with code");
        _log.Lines.ShouldContain(line => line.StartsWith("[sample]") && line.Contains("Setting 'Sample:Threshold'"));
    }

    [Fact]
    public async Task A_second_AppHost_on_the_same_state_directory_is_refused()
    {
        var first = Builder();
        first.Log = _log;
        first.AddRedis("cache");
        await using var running = first.Build();
                await running.StartAsync(TestContext.Current.CancellationToken);

        var second = Builder();
        second.Log = _log;
        second.AddRedis("cache");
        await using var refused = second.Build();
        
        var error = await Should.ThrowAsync<ServerStartException>(() => refused.StartAsync(TestContext.Current.CancellationToken));
        error.Message.ShouldContain("in use by another AppHost");
        error.Message.ShouldContain("--state-dir");
    }

    private DistributedApplicationBuilder Builder()
    {
        var root = AppHostOptions.Parse([]).RepositoryRoot;
        return DistributedApplicationBuilder.Create(new AppHostOptions
        {
            StateDirectory = _state.Path,
            RepositoryRoot = root,
            Durable = false,
#if DEBUG
            Configuration = "Debug",
#else
            Configuration = "Release",
#endif
        });
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++) await Task.Delay(100);
        condition().ShouldBeTrue();
    }

    public void Dispose() => _state.Dispose();
}
