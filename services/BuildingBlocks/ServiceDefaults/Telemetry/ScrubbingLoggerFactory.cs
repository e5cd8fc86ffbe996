using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DitCloud.ServiceDefaults.Telemetry;

/// <summary>
/// Sits in front of the service's logger factory so that every logger, whatever provider it writes
/// to (console, OpenTelemetry), receives exceptions without their messages (see <see cref="ExceptionText"/>).
/// Filters and per-provider settings keep working: the providers are untouched.
/// </summary>
internal sealed class ScrubbingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>Wraps whatever ILoggerFactory is registered now (with redaction on, the extended one).</summary>
    public static void Install(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No ILoggerFactory is registered; call AddServiceDefaults on a host builder.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new ScrubbingLoggerFactory(registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } create } => (ILoggerFactory)create(provider),
            _ => (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!),
        }));
    }

    public ILogger CreateLogger(string categoryName) => new ScrubbingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class ScrubbingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception is null || ExceptionText.IsSafeToShow(exception) ? exception : new ScrubbedException(exception), formatter);
    }
}

/// <summary>
/// What a log receives instead of an exception whose message may carry personal data: the
/// original's type in its message, and its types and stack frames (inner exceptions included) as its text.
/// </summary>
public sealed class ScrubbedException(Exception original) : Exception($"{original.GetType().FullName} {ExceptionText.Withheld}")
{
    private readonly string _text = ExceptionText.Describe(original);

    /// <summary>The full name of the exception that was logged.</summary>
    public string OriginalType { get; } = original.GetType().FullName ?? original.GetType().Name;

    public override string? StackTrace { get; } = original.StackTrace;

    public override string ToString() => _text;
}
