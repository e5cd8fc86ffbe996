using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using DitCloud.Hosting.Servers;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DitCloud.Gateway.Tests;

/// <summary>
/// The gateway's Redis stopped and started again under it. Token requests are refused with a
/// retryable 503 (the jti replay check cannot run, and a token is never issued without it); calls go
/// on without rate limits, counted; both recover once Redis answers again. The Redis is this test's
/// own: stopping the shared one would hurt other tests.
/// </summary>
public sealed class RedisOutageTests(TestServers servers) : IAsyncLifetime
{
    private readonly TempState _state = new();
    private readonly CapturedLog _log = new();
    private RedisServer _redis = null!;
    private GatewayTestbed _bed = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _redis = new RedisServer(new ServerSettings("outage-cache", _state.For("outage-cache"), servers.Log) { Durable = false });
        await _redis.StartAsync(Ct);
        _bed = await GatewayTestbed.StartAsync(servers, nameof(RedisOutageTests), overrides: new()
        {
            ["ConnectionStrings:cache"] = _redis.ConnectionString,
            ["Logging:LogLevel:DitCloud.Gateway.Limits"] = "Information",
        });
        _bed.Gateway.Services.GetRequiredService<ILoggerFactory>().AddProvider(_log);
    }

    public async ValueTask DisposeAsync()
    {
        await _bed.DisposeAsync();
        await _redis.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task Without_Redis_a_token_request_gets_a_retryable_503_and_no_token_then_a_token_once_Redis_is_back()
    {
        await _redis.StopAsync();
        var assertion = ClientAssertion.For("partner-a", _bed.TokenUrl());

        using var refused = await TokenClient.RequestAsync(_bed.Gateway.HttpAddress, assertion);

        var text = await refused.Content.ReadAsStringAsync(Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, text);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("error").GetString().ShouldBe("temporarily_unavailable");
        body.GetProperty("error_description").GetString()!.ShouldContain("replay check is unavailable");
        body.GetProperty("error_description").GetString()!.ShouldContain("Retry after the Retry-After seconds");
        body.TryGetProperty("access_token", out _).ShouldBeFalse();

        var warning = _log.Lines.ShouldHaveSingleItem();
        warning.ShouldContain("replay check is unavailable");
        warning.ShouldNotContain(assertion.Jti!);
        var rows = await _bed.AuditAsync(row => row.Outcome == "temporarily_unavailable");
        rows.ShouldContain(row => row.Method == "POST /oauth2/token" && row.Outcome == "temporarily_unavailable" && row.StatusCode == 503);

        await _redis.StartAsync(Ct);
        // The connection comes back on its own; until it has, refusals stay the retryable 503.
        var status = await EventuallyAsync(async () =>
        {
            using var retried = await TokenClient.RequestAsync(_bed.Gateway.HttpAddress, ClientAssertion.For("partner-a", _bed.TokenUrl()));
            return retried.StatusCode;
        }, s => s != HttpStatusCode.ServiceUnavailable);
        status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_Redis_calls_go_on_unlimited_and_counted_and_limits_hold_again_once_Redis_is_back()
    {
        using var unlimited = new UnlimitedCalls(_bed.Gateway.Services.GetRequiredService<IMeterFactory>());
        // partner-slow: a burst of 3, then one call a minute; without Redis there is no limit to hold it.
        var headers = TestTokens.Headers(TestTokens.Partner("partner-slow", "RX6", Scopes.ReferralRead));
        await _redis.StopAsync();

        for (var i = 0; i < 5; i++)
        {
            await _bed.Client().EchoAsync(Request(), headers, cancellationToken: Ct);
        }

        unlimited.Count.ShouldBe(5);
        _log.Lines.ShouldHaveSingleItem().ShouldContain("Rate limits not enforced");

        await _redis.StartAsync(Ct);
        // Once the connection is back the burst of 3 holds again: some call within 4 is refused.
        var code = await EventuallyAsync(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                try
                {
                    await _bed.Client().EchoAsync(Request(), headers, cancellationToken: Ct);
                }
                catch (RpcException e)
                {
                    return e.StatusCode;
                }
            }
            return StatusCode.OK;
        }, c => c != StatusCode.OK);
        code.ShouldBe(StatusCode.ResourceExhausted);
        _log.Lines.ShouldContain(line => line.Contains("Rate limits enforced again"));
    }

    private static EchoRequest Request() => new() { Payload = new EchoPayload { Message = "outage" } };

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> attempt, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var result = await attempt();
            if (done(result) || DateTime.UtcNow > deadline) return result;
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>The gateway's own dit.gateway.unlimited_calls (the meter of its IMeterFactory, not another gateway's in this process).</summary>
    private sealed class UnlimitedCalls : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public UnlimitedCalls(IMeterFactory gatewayMeters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "dit.gateway.unlimited_calls" && ReferenceEquals(instrument.Meter.Scope, gatewayMeters))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>The gateway's warnings and information from its Redis-facing parts (the replay guard and the rate limiter).</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) =>
            categoryName.StartsWith("DitCloud.Gateway.Tokens.AssertionReplayGuard", StringComparison.Ordinal)
            || categoryName.StartsWith("DitCloud.Gateway.Limits.RateLimiter", StringComparison.Ordinal)
                ? new Logger(_lines)
                : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
