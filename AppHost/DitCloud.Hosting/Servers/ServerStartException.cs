namespace DitCloud.Hosting.Servers;

/// <summary>A server could not start; the message names the resource, the cause and the fix.</summary>
public sealed class ServerStartException(string message) : Exception(message);
