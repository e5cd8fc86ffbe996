using DitCloud.Scheduling.Api.Data;
using DitCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DitCloud.Scheduling.Api.Tests;

/// <summary>
/// A fresh, fully migrated database per test in a fraction of the time migrations take: the
/// migrations run once into a template, and each test's database is a copy of it. The service's
/// own migrator then finds nothing pending.
/// </summary>
internal static class TestDatabases
{
    private static readonly SemaphoreSlim Copying = new(1, 1);
    private static readonly Lock Gate = new();
    private static Task<string>? template;

    public static async Task<string> CreateAsync(TestServers servers)
    {
        Task<string> migrated;
        lock (Gate) migrated = template ??= MigrateTemplateAsync(servers);
        var templateName = await migrated;
        var server = await servers.PostgresAsync();
        var name = $"scheduling_{Guid.NewGuid():N}";
        // PostgreSQL copies a template only while nobody else is using it, another copy included.
        await Copying.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{templateName}\"", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Copying.Release();
        }

        return server.ConnectionStringFor(name);
    }

    private static async Task<string> MigrateTemplateAsync(TestServers servers)
    {
        var server = await servers.PostgresAsync();
        var name = $"scheduling_template_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(name)) { Pooling = false }.ConnectionString;
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        await using var db = new SchedulingDbContext(new DbContextOptionsBuilder<SchedulingDbContext>()
            .UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);
        await db.Database.MigrateAsync();
        return name;
    }
}
