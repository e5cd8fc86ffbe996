using DitCloud.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging;

namespace DitCloud.Messaging.Inbox;

/// <summary>
/// What MassTransit is handed when a consumer fails. All of it leaves the process: the error queue's
/// MT-Fault-Message and MT-Fault-StackTrace headers, the Fault&lt;T&gt; event and the consume span's
/// exception event. An exception's message can quote the data that failed ("The input string
/// '943 476 5919' was not in a correct format"), so one whose message is not known to be safe
/// (<see cref="ExceptionText.IsSafeToShow"/>) is replaced by a <see cref="ScrubbedException"/>: the
/// original's type name and stack frames, no message. Either way it carries the error id of the
/// service's log line about the failure, which <see cref="ErrorQueueFilter"/> writes into the error queue.
/// </summary>
internal static partial class ConsumerFailure
{
    /// <summary>The header of a dead-lettered message that names its failure in the service's log.</summary>
    public const string ErrorIdHeader = "DitCloud-Error-Id";

    // MassTransit copies Exception.Data into the Fault<T> event, so the id travels there too. (A
    // ScrubbedException starts with empty Data: the original's, such as PostgresException's, can quote values.)
    private const string ErrorIdKey = "DitCloud.ErrorId";

    /// <summary>
    /// The failure as MassTransit may see it, logged (the exception itself, which the service's logging
    /// scrubs) with a new error id. A failure handed over already, further in, passes through as it is.
    /// </summary>
    public static Exception HandOver(Exception failure, string messageType, int attempt, ILogger logger)
    {
        if (ErrorIdOf(failure) is not null) return failure;
        var errorId = Guid.NewGuid().ToString("N")[..12];
        LogFailed(logger, failure, messageType, attempt, errorId);
        var handedOver = ExceptionText.IsSafeToShow(failure) ? failure : new ScrubbedException(failure);
        handedOver.Data[ErrorIdKey] = errorId;
        return handedOver;
    }

    /// <summary>The error id of a failure handed over; null for one that happened before any consumer ran.</summary>
    public static string? ErrorIdOf(Exception exception) => exception.GetBaseException().Data[ErrorIdKey] as string;

    [LoggerMessage(LogLevel.Warning, "Consuming {MessageType} failed (attempt {Attempt}); error id {ErrorId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string messageType, int attempt, string errorId);
}
