using DitCloud.Hosting.Processes;
using Npgsql;

namespace DitCloud.Hosting.Servers;

/// <summary>
/// PostgreSQL from the Debian package. It refuses to run as root, so when we are root initdb and
/// postgres run as the "postgres" user (still our child processes). Password authentication over
/// loopback only; no Unix socket.
/// </summary>
public sealed class PostgresServer(ServerSettings settings) : ManagedServer(settings)
{
    private const string SystemUser = "postgres";
    private string? _binaries;

    public override string Kind => "PostgreSQL";


    public override string ConnectionString => ConnectionStringFor("postgres");

    private string DataDirectory => Path.Combine(Settings.StateDirectory, "data");

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SystemUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates the database unless it exists; safe to call on every start.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = database } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;
        // Identifiers cannot be parameters; quote it as PostgreSQL does.
        var quoted = "\"" + database.Replace("\"", "\"\"") + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created concurrently by another caller: the outcome we wanted.
        }
    }

    protected override void CheckInstalled()
    {
        const string root = "/usr/lib/postgresql";
        var versions = Directory.Exists(root)
            ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, "bin", "postgres"))).Order().ToList()
            : [];
        if (versions.Count == 0)
        {
            throw new ServerStartException(
                $"Resource '{Name}': no PostgreSQL server under {root}. Install it with 'apt-get install postgresql' " +
                "(the README's commands do this for you).");
        }
        _binaries = Path.Combine(versions[^1], "bin");
    }

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) return;

        Directory.CreateDirectory(DataDirectory);
        var passwordFile = Path.Combine(Settings.StateDirectory, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, Password, cancellationToken);
        try
        {
            await GiveToSystemUserAsync([DataDirectory, passwordFile], cancellationToken);
            await RunToCompletionAsync(
                new ProcessSpec(Path.Combine(_binaries!, "initdb"),
                    ["-D", DataDirectory, "-U", SystemUser, "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
                     $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C", "--no-instructions"])
                { RunAsUser = SystemUser },
                "initdb", cancellationToken);
        }
        catch
        {
            // A half-made cluster would be mistaken for a good one at the next start.
            Directory.Delete(DataDirectory, recursive: true);
            throw;
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    protected override Task<ChildProcess> LaunchAsync(CancellationToken cancellationToken)
    {
        List<string> args =
        [
            "-D", DataDirectory, "-p", Port.ToString(),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=400",
            "-c", "log_min_messages=warning",
        ];
        if (!Settings.Durable)
        {
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        return Task.FromResult(Spawn(new ProcessSpec(Path.Combine(_binaries!, "postgres"), args) { RunAsUser = SystemUser }));
    }

    protected override async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        if (!await LoopbackPort.AcceptsAsync(Port, cancellationToken)) return false;
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false;Timeout=5");
            await connection.OpenAsync(cancellationToken);
            await using var select = new NpgsqlCommand("SELECT 1", connection);
            return await select.ExecuteScalarAsync(cancellationToken) is 1;
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException)
        {
            // Still starting up ("the database system is starting up").
            return false;
        }
    }

    // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
    protected override int StopSignal => Posix.SigInt;

    private async Task GiveToSystemUserAsync(string[] paths, CancellationToken cancellationToken)
    {
        if (!Posix.IsRoot) return;
        File.SetUnixFileMode(Settings.StateDirectory,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        await RunToCompletionAsync(new ProcessSpec("chown", ["-R", $"{SystemUser}:{SystemUser}", .. paths]), "chown of the data directory", cancellationToken);
    }
}
