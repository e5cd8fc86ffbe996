using DitCloud.Formulation.Api;

var app = FormulationApp.Build(args);
app.Run();
