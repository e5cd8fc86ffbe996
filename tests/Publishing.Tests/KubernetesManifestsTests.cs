using DitCloud.Hosting.Model;
using DitCloud.Hosting.Publishing;
using DitCloud.Hosting.Publishing.Kubernetes;
using DitCloud.Testing;

namespace DitCloud.Publishing.Tests;

/// <summary>What the publisher makes of a model, before any tool reads it (tests/k8s renders and validates it).</summary>
public sealed class KubernetesManifestsTests : IDisposable
{
    private readonly TempState _state = new();
    private readonly TempState _output = new();

    private static PublishOptions Options(string output) => new() { OutputDirectory = output };

    [Fact]
    public void The_same_model_published_twice_gives_identical_bytes()
    {
        var first = Path.Combine(_output.Path, "first");
        var second = Path.Combine(_output.Path, "second");

        Publisher.Write(first, KubernetesManifests.Create(TestModel.Shaped(_state.Path).Resources, Options(first)));
        Publisher.Write(second, KubernetesManifests.Create(TestModel.Shaped(_state.Path).Resources, Options(second)));

        var files = Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order().ToList();
        files.ShouldContain("base/kustomization.yaml");
        files.ShouldContain("overlays/dev/kustomization.yaml");
        files.ShouldContain("overlays/prod/kustomization.yaml");
        Directory.GetFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order().ShouldBe(files);
        foreach (var file in files)
        {
            File.ReadAllBytes(Path.Combine(second, file)).ShouldBe(File.ReadAllBytes(Path.Combine(first, file)), file);
        }
    }

    [Fact]
    public void Every_project_gets_its_workload_and_each_database_its_own_cluster()
    {
        var files = KubernetesManifests.Create(TestModel.Shaped(_state.Path).Resources, Options(_output.Path));

        files.Keys.Where(k => k.StartsWith("base/", StringComparison.Ordinal)).ShouldBe(
        [
            "base/bus.yaml", "base/cache.yaml", "base/gateway.yaml", "base/kustomization.yaml", "base/namespace.yaml",
            "base/network-policies.yaml", "base/pg-referral-db.yaml", "base/pg-scheduling-db.yaml", "base/referral.yaml", "base/scheduling.yaml",
        ]);
        files["base/referral.yaml"].ShouldContain("kind: ScaledObject");        // it consumes from the broker
        files["base/scheduling.yaml"].ShouldContain("kind: HorizontalPodAutoscaler");
        files["base/gateway.yaml"].ShouldContain("name: gateway-public");      // the only way in
        files["base/referral.yaml"].ShouldNotContain("LoadBalancer");
        files["base/pg-referral-db.yaml"].ShouldContain("database: referral");
    }

    [Fact]
    public void Connection_strings_reference_the_operators_secrets_and_never_hold_a_password()
    {
        var files = KubernetesManifests.Create(TestModel.Shaped(_state.Path).Resources, Options(_output.Path));
        var referral = files["base/referral.yaml"];

        Lines(referral).ShouldContainSequence(
        [
            "- name: DIT_REFERRAL_DB_PASSWORD", "valueFrom:", "secretKeyRef:", "name: pg-referral-db-app", "key: password",
            "- name: ConnectionStrings__referral-db",
            "value: \"Host=pg-referral-db-rw;Port=5432;Database=referral;Username=referral;Password=$(DIT_REFERRAL_DB_PASSWORD);SSL Mode=Require;Maximum Pool Size=15\"",
            "- name: ConnectionStrings__bus", "valueFrom:", "secretKeyRef:", "name: bus-default-user", "key: connection_string",
        ]);
        referral.ShouldContain("value: \"$(DIT_CACHE_HOST):6379,password=$(DIT_CACHE_PASSWORD)\"");
        files.Keys.ShouldNotContain(k => files[k].Contains("kind: Secret"));
    }

    [Fact]
    public void A_replicated_project_is_still_one_address_per_Service_and_the_instance_id_is_the_pod_name()
    {
        var builder = TestModel.Shaped(_state.Path, referralReplicas: 3);
        var scheduling = KubernetesManifests.Create(builder.Resources, Options(_output.Path))["base/scheduling.yaml"];

        Lines(scheduling).ShouldContainSequence(["- name: services__referral__grpc__0", "value: \"http://referral:8080\""]);
        scheduling.ShouldNotContain("services__referral__grpc__1");
        Lines(scheduling).ShouldContainSequence(["- name: DIT_INSTANCE_ID", "valueFrom:", "fieldRef:", "fieldPath: metadata.name"]);
    }

    [Fact]
    public void The_local_trace_viewer_settings_give_way_to_the_clusters_collector()
    {
        var builder = TestModel.Shaped(_state.Path);
        builder.Resources.OfType<ProjectResource>().First()
            .Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://10.1.2.3:4318";
        var referral = KubernetesManifests.Create(builder.Resources, Options(_output.Path))["base/referral.yaml"];

        referral.ShouldNotContain("10.1.2.3");
        referral.ShouldContain("name: ditcloud-telemetry");
    }

    [Fact]
    public void A_project_using_the_server_instead_of_a_database_is_refused_with_the_fix()
    {
        var builder = TestModel.Builder(_state.Path);
        var pg = builder.AddPostgres("pg");
        builder.AddProject("referral", TestModel.SampleProject).WithReference(pg);

        var error = Should.Throw<PublishException>(() => KubernetesManifests.Create(builder.Resources, Options(_output.Path)));

        error.Message.ShouldContain("references the PostgreSQL server 'pg' itself");
        error.Message.ShouldContain("pg.AddDatabase(");
    }

    [Fact]
    public void A_loopback_address_set_by_hand_is_refused()
    {
        var builder = TestModel.Builder(_state.Path);
        builder.AddProject("referral", TestModel.SampleProject).WithEnvironment("Partner__Url", "http://127.0.0.1:9000");

        var error = Should.Throw<PublishException>(() => KubernetesManifests.Create(builder.Resources, Options(_output.Path)));

        error.Message.ShouldContain("Partner__Url");
        error.Message.ShouldContain("WithReference");
    }

    [Fact]
    public void A_name_Kubernetes_cannot_take_is_refused_naming_it()
    {
        var builder = TestModel.Builder(_state.Path);
        builder.AddProject("Referral_Api", TestModel.SampleProject);

        Should.Throw<PublishException>(() => KubernetesManifests.Create(builder.Resources, Options(_output.Path)))
            .Message.ShouldContain("'Referral_Api' cannot be a Kubernetes name");
    }

    [Fact]
    public void A_directory_holding_other_files_is_left_alone()
    {
        File.WriteAllText(Path.Combine(_output.Path, "notes.txt"), "mine");

        Should.Throw<PublishException>(() => Publisher.Write(_output.Path, KubernetesManifests.Create([], Options(_output.Path))));
        File.ReadAllText(Path.Combine(_output.Path, "notes.txt")).ShouldBe("mine");
    }

    [Fact]
    public void The_image_script_builds_each_project_with_the_SDKs_container_support()
    {
        var options = Options(_output.Path) with { Registry = "registry.example.nhs.uk/dit", Tag = "1.2.3" };
        var script = KubernetesManifests.Create(TestModel.Shaped(_state.Path).Resources, options)["build-images.sh"];

        script.ShouldContain(
            "dotnet publish tests/SampleService/DitCloud.SampleService.csproj -c Release -t:PublishContainer " +
            "-p:ContainerRegistry=registry.example.nhs.uk -p:ContainerRepository=dit/referral -p:ContainerImageTags=1.2.3\n");
        script.Split('\n').Count(l => l.Contains("-t:PublishContainer")).ShouldBe(3);
    }

    private static List<string> Lines(string yaml) => [.. yaml.Split('\n').Select(l => l.Trim())];

    public void Dispose()
    {
        _state.Dispose();
        _output.Dispose();
    }
}
