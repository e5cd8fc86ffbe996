using DitCloud.Gateway;
using DitCloud.Gateway.Tokens;

// `register-partner ...` and `client-assertion ...` are the local credential tools (README); anything else runs the gateway.
if (PartnerCommands.TryRun(args, out var exitCode)) return exitCode;
GatewayApp.Build(args).Run();
return 0;
