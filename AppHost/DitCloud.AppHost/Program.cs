using DitCloud.Hosting.Model;
using DitCloud.Hosting.Telemetry;

// The local DitCloud: real servers as child processes, then the services that use them.
// Each service issue registers its project here with what it references and waits for.
var builder = DistributedApplicationBuilder.Create(args);

var pg = builder.AddPostgres("pg");
var bus = builder.AddRabbitMq("bus");
var cache = builder.AddRedis("cache");

// Formulation: inventory, IPAF, session notes, goodbye letter; consumes scheduling's events,
// Redis pub/sub carries its watch stream across replicas.
// Referral: idempotent intake from partner systems, screening, the waiting list; its events start
// every course. Redis is not needed: its watch stream follows its own events back from the broker.
var referralDb = pg.AddDatabase("referraldb");
builder.AddProject("referral", "services/Referral/Referral.Api/DitCloud.Referral.Api.csproj")
    .WithReference(referralDb).WithReference(bus).WaitFor(referralDb).WaitFor(bus);

var formulationDb = pg.AddDatabase("formulationdb");
builder.AddProject("formulation", "services/Formulation/Formulation.Api/DitCloud.Formulation.Api.csproj")
    .WithReference(formulationDb).WithReference(bus).WithReference(cache).WaitFor(formulationDb).WaitFor(bus);

// Scheduling: practitioners, courses from accepted referrals, booking, attendance and DNAs; Redis
// holds slots while a booking is confirmed and carries the diary stream across replicas.
var schedulingDb = pg.AddDatabase("schedulingdb");
builder.AddProject("scheduling", "services/Scheduling/Scheduling.Api/DitCloud.Scheduling.Api.csproj")
    .WithReference(schedulingDb).WithReference(bus).WithReference(cache).WaitFor(schedulingDb).WaitFor(bus).WaitFor(cache);

// Outcomes: PHQ-9, GAD-7 and WSAS per session, recovery rules, risk flags and KPIs; consumes
// scheduling's events, Redis pub/sub wakes KPI streams on every replica.
var outcomesDb = pg.AddDatabase("outcomesdb");
builder.AddProject("outcomes", "services/Outcomes/Outcomes.Api/DitCloud.Outcomes.Api.csproj")
    .WithReference(outcomesDb).WithReference(bus).WithReference(cache).WaitFor(outcomesDb).WaitFor(bus);

// Gateway: the one door in for partner systems and browsers (gRPC, gRPC-web, /oauth2/token).
// Keep it after the services: it reaches every project declared above, and GatewayKeys gives each of
// them (and the gateway) the public token keys it verifies callers with. Partners: see README.
var gatewayDb = pg.AddDatabase("gatewaydb");
var gateway = builder.AddProject("gateway", "gateway/DitCloud.Gateway/DitCloud.Gateway.csproj")
    .WithReference(gatewayDb).WithReference(cache).WaitFor(gatewayDb).WaitFor(cache).WithExternalHttpEndpoints();
DitCloud.AppHost.GatewayKeys.Configure(builder, gateway);

// Keep this after the last project: each one declared above exports its traces, metrics and logs to
// the AppHost, whose log prints the trace pages' address (or to OTEL_EXPORTER_OTLP_ENDPOINT when set).
await using var telemetry = await builder.StartTraceViewerAsync();

await using var app = builder.Build();
return await app.RunAsync();
