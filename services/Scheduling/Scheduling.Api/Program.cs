using DitCloud.Scheduling.Api;

var app = SchedulingApp.Build(args);
app.Run();
