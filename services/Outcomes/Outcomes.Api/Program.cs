using DitCloud.Outcomes.Api;

// Settings come from the environment as the AppHost writes them (ConnectionStrings__outcomesdb,
// ConnectionStrings__bus, ConnectionStrings__cache, Kestrel__Endpoints__*, Auth__*);
// OutcomesApp.Build is also what the tests host.
var app = OutcomesApp.Build(args);
app.Run();
