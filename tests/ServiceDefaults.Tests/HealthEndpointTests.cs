using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DitCloud.ServiceDefaults.Tests;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Readiness_follows_the_dependencies_while_liveness_does_not()
    {
        var dependencyUp = true;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("database", () => dependencyUp ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("down"));
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        (await http.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        dependencyUp = false;
        (await http.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await http.GetAsync("/alive", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        dependencyUp = true;
        (await http.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
