using DitCloud.Persistence;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DitCloud.Messaging.Tests;

/// <summary>
/// A process-shaped host with the building blocks exactly as a service wires them: its database
/// (migrated at start), the outbox relay, and the widget consumer behind the inbox.
/// </summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private readonly IHost host;

    private MessagingHost(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public ConsumerProbe Probe => host.Services.GetRequiredService<ConsumerProbe>();

    /// <summary>Every line logged at Warning or above.</summary>
    public IReadOnlyList<string> Logs => host.Services.GetRequiredService<LogLines>().All;

    public static async Task<MessagingHost> StartAsync(string database, string broker, Dictionary<string, string?>? settings = null, bool consume = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:widgets"] = database,
            ["ConnectionStrings:bus"] = broker,
            ["Messaging:RetryMinDelay"] = "00:00:00.050",
            ["Messaging:RetryMaxDelay"] = "00:00:01",
            ["Messaging:PollInterval"] = "00:00:00.200",
            ["Messaging:PublishTimeout"] = "00:00:03",
        }.Concat(settings ?? []));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        if (Environment.GetEnvironmentVariable("DIT_TEST_VERBOSE") is not null) { builder.Logging.AddFilter("DitCloud", LogLevel.Debug); builder.Logging.AddFilter("MassTransit", LogLevel.Debug); builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Debug); }
        builder.Services.AddSingleton<ConsumerProbe>();
        builder.Services.AddSingleton<LogLines>();
        builder.Services.AddSingleton<ILoggerProvider>(provider => provider.GetRequiredService<LogLines>());
        builder.AddServiceDatabase<WidgetDbContext>("widgets");
        builder.AddMessaging<WidgetDbContext>("widgets", configure: bus =>
        {
            if (consume) bus.AddConsumer<WidgetChangedConsumer>();
        });
        var host = builder.Build();
        await host.StartAsync();
        // MassTransit starts the bus in the background; publish only once the queues are bound.
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return new MessagingHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

/// <summary>Keeps each formatted log line (with its exception's type), so a test can find what was logged.</summary>
public sealed class LogLines : ILoggerProvider, ILogger
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> All { get { lock (lines) return [.. lines]; } }

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (lines) lines.Add($"{formatter(state, exception)} {exception?.GetType().FullName}");
    }

    public void Dispose()
    {
    }
}
