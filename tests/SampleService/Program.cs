using System.ComponentModel.DataAnnotations;
using DitCloud.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddValidatedOptions<SampleOptions>("Sample");

var app = builder.Build();
app.MapDefaultEndpoints();
// Which connection strings the AppHost handed over (names only: the values hold passwords).
app.MapGet("/connections", (IConfiguration configuration) =>
    TypedResults.Ok(configuration.GetSection("ConnectionStrings").GetChildren().Select(c => c.Key).Order()));
app.Run();

internal sealed class SampleOptions
{
    [Range(1, 100)]
    public int Threshold { get; init; } = 10;
}
