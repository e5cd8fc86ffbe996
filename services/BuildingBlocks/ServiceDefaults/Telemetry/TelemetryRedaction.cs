using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DitCloud.ServiceDefaults.Telemetry;

/// <summary>
/// The one place personal data is kept out of telemetry (docs/observability.md):
/// logging parameters and properties classified with <see cref="DitTaxonomy"/> are redacted, every
/// logged exception loses its message (<see cref="ExceptionText"/>), and spans lose the exception
/// text instrumentation records (<see cref="PersonalDataSpanProcessor"/>, added with tracing).
/// </summary>
internal static class TelemetryRedaction
{
    public static void AddTelemetryRedaction(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRedaction(redaction => redaction
            .SetRedactor<RedactedRedactor>(DitTaxonomy.PersonalData, DitTaxonomy.ClinicalText)
            // A classification from any other taxonomy is redacted too, never passed through.
            .SetFallbackRedactor<RedactedRedactor>());
        builder.Logging.EnableRedaction();
        ScrubbingLoggerFactory.Install(builder.Services);
    }
}
