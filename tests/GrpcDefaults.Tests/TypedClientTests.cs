using DitCloud.ServiceDefaults.Grpc;
using DitCloud.Testing.V1;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using DitCloud.TestApi;

namespace DitCloud.GrpcDefaults.Tests;

/// <summary>A typed client found by service name, with a default deadline and retries of UNAVAILABLE.</summary>
public sealed class TypedClientTests : IAsyncLifetime
{
    private EchoServer _server = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await EchoServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // What the AppHost writes for a referenced project.
            ["services:echo:grpc:0"] = _server.GrpcAddress.ToString(),
            ["services:echo:http:0"] = _server.HttpAddress.ToString(),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddServiceClient<DitCloud.Testing.V1.EchoService.EchoServiceClient>("echo", defaultDeadline: TimeSpan.FromMilliseconds(500));
        _services = services.BuildServiceProvider();
    }

    private DitCloud.Testing.V1.EchoService.EchoServiceClient Client => _services.GetRequiredService<DitCloud.Testing.V1.EchoService.EchoServiceClient>();

    [Fact]
    public async Task The_client_finds_the_service_by_name()
    {
        // An explicit deadline: the default (500 ms) is for the test below, and a first call on a
        // loaded machine (connection, JIT) can take longer than that.
        var reply = await Client.EchoAsync(new EchoRequest { Payload = new EchoPayload { Message = "by name" } },
            deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: TestContext.Current.CancellationToken);

        reply.Message.ShouldBe("by name");
    }

    [Fact]
    public async Task A_call_without_a_deadline_gets_the_default_one()
    {
        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EchoAsync(
            new EchoRequest { Payload = new EchoPayload { Message = "slow", DelayMs = 3000 } }, cancellationToken: TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task UNAVAILABLE_is_retried_with_backoff_then_reported()
    {
        var message = $"flaky-{Guid.NewGuid():N}";

        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EchoAsync(
            new EchoRequest { Payload = new EchoPayload { Message = message, FailWithCode = (int)StatusCode.Unavailable, FailMessage = "down" } },
            deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(StatusCode.Unavailable);
        EchoApiService.Attempts[message].ShouldBe(3);
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        var message = $"refused-{Guid.NewGuid():N}";

        await Should.ThrowAsync<RpcException>(async () => await Client.EchoAsync(
            new EchoRequest { Payload = new EchoPayload { Message = message, FailWithCode = (int)StatusCode.FailedPrecondition } },
            deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: TestContext.Current.CancellationToken));

        EchoApiService.Attempts[message].ShouldBe(1);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }
}
