using System.Diagnostics;
using DitCloud.Hosting.Servers;
using DitCloud.Testing;

namespace DitCloud.Benchmarks.Gateway;

/// <summary>A process the benchmark runs and measures (its CPU from /proc), stopped with the benchmark.</summary>
internal sealed class BenchProcess(string name, int port, Process process, string? scratch = null) : IDisposable
{
    public string Name => name;

    public int Port => port;

    /// <summary>The anonymous echo API (tests/TestApi) on an HTTP/2-only port.</summary>
    public static Task<BenchProcess> StartEchoAsync()
    {
        var port = LoopbackPort.Free();
        return StartAsync("echo", port, new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "DitCloud.TestApi.dll")])
        {
            Environment =
            {
                ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{port}",
                ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        });
    }

    /// <summary>The gateway as it is deployed, trusting the test issuer, with limits too high to refuse the load.</summary>
    public static Task<BenchProcess> StartGatewayAsync(int echoPort, (string ConnectionString, string KeyPrefix) redis, string database)
    {
        var grpcPort = LoopbackPort.Free();
        var gateway = Path.Combine(RepositoryRoot(), "gateway/DitCloud.Gateway/bin", Configuration(), "net10.0/DitCloud.Gateway.dll");
        var info = new ProcessStartInfo("dotnet", [gateway]) { WorkingDirectory = Path.GetDirectoryName(gateway) };
        var environment = new Dictionary<string, string?>(TestTokens.AuthEnvironment)
        {
            ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
            ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{LoopbackPort.Free()}",
            ["Kestrel__Endpoints__http__Protocols"] = "Http1",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ConnectionStrings__cache"] = redis.ConnectionString,
            ["ConnectionStrings__gatewaydb"] = database,
            ["Gateway__RedisKeyPrefix"] = redis.KeyPrefix,
            ["Gateway__Tokens__Issuer"] = TestTokens.Issuer,
            ["Gateway__Tokens__Audience"] = TestTokens.Audience,
            ["Gateway__Tokens__KeyId"] = TestTokens.SigningKey.KeyId,
            ["Gateway__Tokens__SigningKey"] = TestTokens.SigningKey.Rsa.ExportPkcs8PrivateKeyPem(),
            ["Gateway__RateLimits__RequestsPerSecond"] = "100000",
            ["Gateway__RateLimits__Burst"] = "100000",
            ["Gateway__Services__echo__PathPrefix"] = "/dit.testing.v1.",
            ["Gateway__Services__echo__Methods__EchoService/Echo"] = "referral.read",
            ["services__echo__grpc__0"] = $"http://127.0.0.1:{echoPort}",
        };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return StartAsync("gateway", grpcPort, info);
    }

    /// <summary>nginx proxying gRPC (grpc_pass) over h2c, one worker; null when nginx is not installed.</summary>
    public static async Task<BenchProcess?> StartNginxAsync(int echoPort)
    {
        if (!File.Exists("/usr/sbin/nginx")) return null;
        var port = LoopbackPort.Free();
        var directory = Directory.CreateTempSubdirectory("bench-nginx-").FullName;
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log stderr warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              # nginx ends an HTTP/2 connection after keepalive_requests (1000 by default) calls, and
              # h2load counts the calls it still had queued on it as failures.
              keepalive_requests 10000000;
              client_body_temp_path {{directory}}/body;
              upstream echo { server 127.0.0.1:{{echoPort}}; keepalive 16; }
              server {
                listen 127.0.0.1:{{port}} http2;
                location / { grpc_pass grpc://echo; }
              }
            }
            """);
        return await StartAsync("nginx", port, new ProcessStartInfo("/usr/sbin/nginx", ["-p", directory, "-c", config]), directory);
    }

    private static async Task<BenchProcess> StartAsync(string name, int port, ProcessStartInfo info, string? scratch = null)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"{name}: {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"{name}: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 300 && !await LoopbackPort.AcceptsAsync(port, CancellationToken.None); i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before listening.");
            await Task.Delay(100);
        }
        return new BenchProcess(name, port, process, scratch);
    }

    public long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }

    public void Dispose()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        if (scratch is not null) Directory.Delete(scratch, recursive: true);
    }

    private static string Configuration() => AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DitCloud.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run the benchmark from the repository.");
    }
}
