using DitCloud.Hosting.Model;

// DitCloud as it is meant to be: a database per service, the broker and the cache, four services
// (three consume events) that call each other, and the gateway as the only way in. Every project
// is the sample service: publishing needs the model's shape, not the services' code.
var builder = DistributedApplicationBuilder.Create(args);
const string project = "tests/SampleService/DitCloud.SampleService.csproj";

var pg = builder.AddPostgres("pg");
var bus = builder.AddRabbitMq("bus");
var cache = builder.AddRedis("cache");

var referralDb = pg.AddDatabase("referral-db", "referral");
var schedulingDb = pg.AddDatabase("scheduling-db", "scheduling");
var formulationDb = pg.AddDatabase("formulation-db", "formulation");
var outcomesDb = pg.AddDatabase("outcomes-db", "outcomes");

var referral = builder.AddProject("referral", project)
    .WithReference(referralDb).WithReference(bus).WithReference(cache).WaitFor(referralDb).WaitFor(bus);
var scheduling = builder.AddProject("scheduling", project)
    .WithReference(schedulingDb).WithReference(bus).WithReference(cache).WithReference(referral).WaitFor(schedulingDb).WaitFor(bus);
var formulation = builder.AddProject("formulation", project)
    .WithReference(formulationDb).WithReference(bus).WithReference(scheduling).WaitFor(formulationDb).WaitFor(bus);
var outcomes = builder.AddProject("outcomes", project)
    .WithReference(outcomesDb).WithReference(bus).WaitFor(outcomesDb).WaitFor(bus);
builder.AddProject("gateway", project)
    .WithReference(referral).WithReference(scheduling).WithReference(formulation).WithReference(outcomes).WithReference(cache)
    .WaitFor(referral).WaitFor(scheduling).WaitFor(formulation).WaitFor(outcomes)
    .WithExternalHttpEndpoints();

await using var app = builder.Build();
return await app.RunAsync();
