using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DitCloud.Persistence;

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database: one <see cref="NpgsqlDataSource"/> (connection pool) for
    /// EF Core and for the few raw commands the building blocks run, a pooled <typeparamref name="TContext"/>
    /// with snake_case names, and the schema brought up to date by the versioned migrations before the
    /// service takes its first call (readiness stays unhealthy until then).
    /// </summary>
    /// <param name="connectionName">The name under ConnectionStrings (the AppHost writes ConnectionStrings__name).</param>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Set the environment variable ConnectionStrings__{connectionName} " +
                "to a PostgreSQL connection string (the AppHost does this for the projects it starts).");
        }

        var dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = connectionName }.Build();
        builder.Services.AddSingleton(_ => dataSource); // a factory registration, so the container disposes it
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new ServiceDatabase(connectionName, dataSource, connectionString));
        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            options.UseNpgsql(dataSource).UseSnakeCaseNamingConvention();
            // A failed command surfaces as an exception its caller handles (and the gRPC defaults log
            // once, with an error id); EF's own error line would repeat it, and on a new database it
            // reports the migrations history table missing, which is how migrating begins.
            options.ConfigureWarnings(warnings => warnings.Log((RelationalEventId.CommandError, LogLevel.Debug)));
            foreach (var interceptor in services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>())
            {
                options.AddInterceptors(interceptor);
            }
        });

        builder.Services.AddScoped<IAuditTrail, AuditTrail<TContext>>();
        builder.Services.AddSingleton<DatabaseMigrator<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseMigrator<TContext>>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseMigrator<TContext>>($"{connectionName}-schema");
        return builder;
    }
}

/// <summary>The database a service owns, by the name its connection string has in configuration.</summary>
/// <remarks>The connection string holds a password: never log it.</remarks>
public sealed record ServiceDatabase(string Name, NpgsqlDataSource DataSource, string ConnectionString);
