using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DitCloud.Persistence;

/// <summary>
/// Applies the pending migrations when the service starts, before Kestrel takes calls (hosted
/// services registered by the app start before the server). Several replicas starting together
/// are safe: EF Core takes a database lock around migrating. While the database is unreachable it
/// retries with backoff, saying so; the readiness check reports unhealthy until the schema is current.
/// </summary>
public sealed partial class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService, IHealthCheck where TContext : DbContext
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
    private volatile bool migrated;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                await db.Database.MigrateAsync(cancellationToken);
                LogMigrated(typeof(TContext).Name, db.Database.GetMigrations().LastOrDefault() ?? "none");
                migrated = true;
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                LogDatabaseUnavailable(typeof(TContext).Name, attempt, delay.TotalSeconds, exception.GetType().Name);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(migrated
            ? HealthCheckResult.Healthy("schema is current")
            : HealthCheckResult.Unhealthy("migrations have not been applied yet"));

    [LoggerMessage(LogLevel.Information, "{Context}: schema is current (latest migration {Migration})")]
    private partial void LogMigrated(string context, string migration);

    [LoggerMessage(LogLevel.Warning, "{Context}: database unavailable on attempt {Attempt} ({Error}); retrying in {DelaySeconds:0.0} s")]
    private partial void LogDatabaseUnavailable(string context, int attempt, double delaySeconds, string error);
}
