using DitCloud.TestApi;

// Run standalone (interop checks, benchmark): endpoints from Kestrel__Endpoints__* as the AppHost sets them.
EchoApi.Build(args, () => true).Run();
