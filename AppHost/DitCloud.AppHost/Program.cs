using DitCloud.Hosting.Model;

// The local DitCloud: real servers as child processes, then the services that use them.
// Each service issue registers its project here with what it references and waits for.
var builder = DistributedApplicationBuilder.Create(args);

builder.AddPostgres("pg");
builder.AddRabbitMq("bus");
builder.AddRedis("cache");

await using var app = builder.Build();
return await app.RunAsync();
