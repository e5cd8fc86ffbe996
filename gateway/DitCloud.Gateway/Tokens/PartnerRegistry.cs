using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Tokens;

/// <summary>A registered partner system.</summary>
public sealed record Partner(string ClientId, string OdsCode, IReadOnlySet<string> Scopes, IReadOnlyList<JsonWebKey> Keys, double? RequestsPerSecond, int? Burst);

/// <summary>
/// The partners from configuration plus those in the partners directory (one JSON file each, the
/// shape of <see cref="PartnerOptions"/>). The directory is looked at again at most every few
/// seconds, so a partner registered while the gateway runs can get tokens without a restart.
/// </summary>
public sealed partial class PartnerRegistry(IOptions<GatewayOptions> options, TimeProvider time, ILogger<PartnerRegistry> logger)
{
    private static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(2);
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly Dictionary<string, Partner> _configured = options.Value.Partners
        .Select(ToPartner).ToDictionary(p => p.ClientId, StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private Dictionary<string, Partner> _fromDirectory = [];
    private string _directoryStamp = "";
    private DateTimeOffset _nextScan = DateTimeOffset.MinValue;

    public Partner? Find(string clientId)
    {
        if (_configured.TryGetValue(clientId, out var partner)) return partner;
        return DirectoryPartners().GetValueOrDefault(clientId);
    }

    private Dictionary<string, Partner> DirectoryPartners()
    {
        var directory = options.Value.PartnersDirectory;
        if (directory is null) return _fromDirectory;
        lock (_lock)
        {
            if (time.GetUtcNow() < _nextScan) return _fromDirectory;
            _nextScan = time.GetUtcNow() + RescanInterval;
            var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.json") : [];
            var stamp = string.Join('|', files.Order(StringComparer.Ordinal).Select(f => $"{f}@{File.GetLastWriteTimeUtc(f).Ticks}"));
            if (stamp == _directoryStamp) return _fromDirectory;
            _directoryStamp = stamp;
            _fromDirectory = files.Select(Read).OfType<Partner>().ToDictionary(p => p.ClientId, StringComparer.Ordinal);
            return _fromDirectory;
        }
    }

    private Partner? Read(string file)
    {
        try
        {
            var registration = JsonSerializer.Deserialize<PartnerOptions>(File.ReadAllText(file), Json);
            var problems = registration?.Problems().Select(p => $"{p.Member} {p.Problem}").ToList() ?? ["the file is empty"];
            if (problems.Count == 0) return ToPartner(registration!);
            LogBadRegistration(logger, Path.GetFileName(file), string.Join("; ", problems));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            LogBadRegistration(logger, Path.GetFileName(file), e.GetType().Name);
        }
        return null;
    }

    private static Partner ToPartner(PartnerOptions registration) => new(
        registration.ClientId,
        registration.OdsCode.Trim().ToUpperInvariant(),
        registration.Scopes.ToHashSet(StringComparer.Ordinal),
        PartnerKeys.Load(registration.Jwks, registration.JwksFile),
        registration.RequestsPerSecond,
        registration.Burst);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner registration {File} is ignored: {Problems}")]
    private static partial void LogBadRegistration(ILogger logger, string file, string problems);
}
