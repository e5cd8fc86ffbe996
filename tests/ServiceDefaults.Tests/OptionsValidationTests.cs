using System.ComponentModel.DataAnnotations;
using DitCloud.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DitCloud.ServiceDefaults.Tests;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("0", "Limits:MaxMessageBytes")]
    [InlineData(null, "Limits:ContactEmail")]
    public async Task A_bad_or_missing_setting_stops_start_up_naming_the_setting_and_its_variable(string? maxBytes, string expectedKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Limits:MaxMessageBytes"] = maxBytes ?? "1024",
            ["Limits:ContactEmail"] = maxBytes is null ? null : "ops@example.nhs.uk",
        });
        builder.AddServiceDefaults();
        builder.AddValidatedOptions<LimitOptions>("Limits");
        await using var app = builder.Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain($"Setting '{expectedKey}'");
        error.Message.ShouldContain(expectedKey.Replace(":", "__"));
    }

    [Fact]
    public async Task Good_settings_start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Limits:ContactEmail"] = "ops@example.nhs.uk" });
        builder.AddValidatedOptions<LimitOptions>("Limits");
        await using var app = builder.Build();

        await app.StartAsync(TestContext.Current.CancellationToken);

        app.Services.GetRequiredService<IOptions<LimitOptions>>().Value.MaxMessageBytes.ShouldBe(4 * 1024 * 1024);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    private sealed class LimitOptions
    {
        [Range(1, int.MaxValue)]
        public int MaxMessageBytes { get; init; } = 4 * 1024 * 1024;

        [Required]
        public string? ContactEmail { get; init; }
    }
}
