using DitCloud.Hosting.Model;
using DitCloud.Hosting.Orchestration;
using DitCloud.Hosting.Processes;
using DitCloud.Testing;

namespace DitCloud.Publishing.Tests;

/// <summary>Several instances of a project, run locally as real processes: each answers, each has its own identity, each is restarted on its own.</summary>
public sealed class ReplicaTests : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly TempState _state = new();
    private readonly BufferedLog _log = new();

    [Fact]
    public async Task The_replicas_option_runs_each_project_twice_each_instance_answers_and_callers_are_given_every_instance()
    {
        var builder = DistributedApplicationBuilder.Create(AppHostOptions.Parse(["--replicas", "2", "--state-dir", _state.Path]));
        builder.Log = _log;
        var sample = builder.AddProject("sample", TestModel.SampleProject);
        var caller = builder.AddProject("caller", TestModel.SampleProject).WithReference(sample).WaitFor(sample).WithReplicas(1);
        await using var app = builder.Build();

        await app.StartAsync(TestContext.Current.CancellationToken);

        var instances = sample.Resource.Instances;
        instances.Select(i => i.InstanceId).ShouldBe(["sample-0", "sample-1"]);
        instances.SelectMany(i => new[] { i.GrpcPort, i.HttpPort }).Distinct().Count().ShouldBe(4);
        foreach (var instance in instances)
        {
            (await HealthyAsync(instance)).ShouldBeTrue(instance.InstanceId);
            var env = EnvironmentOf(instance);
            env["DIT_INSTANCE_ID"].ShouldBe(instance.InstanceId);
            env["OTEL_RESOURCE_ATTRIBUTES"].ShouldBe($"service.instance.id={instance.InstanceId}");
            env["Kestrel__Endpoints__grpc__Url"].ShouldBe($"http://127.0.0.1:{instance.GrpcPort}");
        }

        caller.Resource.Instances.Count.ShouldBe(1);
        var callerEnv = EnvironmentOf(caller.Resource.Instances[0]);
        callerEnv["services__sample__grpc__0"].ShouldBe($"http://127.0.0.1:{instances[0].GrpcPort}");
        callerEnv["services__sample__grpc__1"].ShouldBe($"http://127.0.0.1:{instances[1].GrpcPort}");
        callerEnv["services__sample__http__1"].ShouldBe($"http://127.0.0.1:{instances[1].HttpPort}");
        callerEnv.Keys.ShouldNotContain("services__sample__grpc__2");
        callerEnv["DIT_INSTANCE_ID"].ShouldBe("caller-0");
        // One instance keeps the project's own name in the log; replicas are told apart.
        _log.Lines.ShouldContain(l => l.StartsWith("[caller] ready"));
        _log.Lines.ShouldContain(l => l.StartsWith("[sample-1] ready"));
    }

    [Fact]
    public async Task Killing_one_replica_leaves_the_other_serving_and_the_killed_one_restarts_on_its_own_ports()
    {
        var builder = TestModel.Builder(_state.Path);
        builder.Log = _log;
        var sample = builder.AddProject("sample", TestModel.SampleProject).WithReplicas(2);
        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var (survivor, victim) = (sample.Resource.Instances[0], sample.Resource.Instances[1]);
        var (survivorPid, victimPid) = (survivor.ProcessId!.Value, victim.ProcessId!.Value);

        Posix.Signal(victimPid, Posix.SigKill);

        // The survivor answers every time it is asked while the other is down and coming back.
        var asked = 0;
        while (!_log.Lines.Any(l => l.StartsWith("[sample-1] ready")) || _log.Lines.Count(l => l.StartsWith("[sample-1] ready")) < 2)
        {
            (await HealthyAsync(survivor)).ShouldBeTrue($"the surviving replica stopped answering after {asked} checks");
            asked++;
            asked.ShouldBeLessThan(300, "the killed replica was not back within 30 s");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        _log.Lines.ShouldContain(l => l.StartsWith("[sample-1]") && l.Contains("crashed with exit code") && l.Contains("restarting in"));
        _log.Lines.ShouldNotContain(l => l.StartsWith("[sample-0]") && l.Contains("crashed"));
        victim.ProcessId.ShouldNotBe(victimPid);
        survivor.ProcessId.ShouldBe(survivorPid);
        (await HealthyAsync(victim)).ShouldBeTrue("the restarted replica answers on the same port");
        EnvironmentOf(victim)["DIT_INSTANCE_ID"].ShouldBe("sample-1");

        await app.StopAsync();
        Posix.Identify(victim.ProcessId!.Value).ShouldBeNull();
        Posix.Identify(survivorPid).ShouldBeNull();
    }

    [Fact]
    public void A_replica_count_below_one_is_refused()
    {
        Should.Throw<ArgumentException>(() => AppHostOptions.Parse(["--replicas", "0"])).Message.ShouldContain("--replicas");
        var builder = TestModel.Builder(_state.Path);
        Should.Throw<ArgumentOutOfRangeException>(() => builder.AddProject("sample", TestModel.SampleProject).WithReplicas(0));
    }

    private static async Task<bool> HealthyAsync(ProjectInstance instance)
    {
        try
        {
            using var response = await Http.GetAsync($"http://127.0.0.1:{instance.HttpPort}/health");
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The environment the instance's process was started with, as the kernel keeps it.</summary>
    private static Dictionary<string, string> EnvironmentOf(ProjectInstance instance) =>
        File.ReadAllText($"/proc/{instance.ProcessId}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

    public void Dispose() => _state.Dispose();
}
