using System.ComponentModel.DataAnnotations;

namespace DitCloud.Messaging;

/// <summary>Settings under "Messaging"; the defaults suit one machine and a small cluster alike.</summary>
public sealed class MessagingOptions
{
    /// <summary>Rows the relay reads per round.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 500;

    /// <summary>Partitions published at once (each partition stays in order).</summary>
    [Range(1, 1_000)] public int PublishConcurrency { get; set; } = 64;

    /// <summary>How often the relay looks for rows written by other replicas (its own wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long to wait for the broker to confirm one publish before trying again later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the backlog is measured and old inbox rows are pruned.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a processed message id is remembered: longer than any redelivery can take.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Attempts at a failing message before it moves to the error queue.</summary>
    [Range(0, 20)] public int ConsumerRetryLimit { get; set; } = 5;

    /// <summary>Messages a consumer endpoint holds unacknowledged at once.</summary>
    [Range(1, 1_000)] public int PrefetchCount { get; set; } = 32;

    /// <summary>Messages an endpoint processes at once; 1 processes a queue strictly in order. Unset: as many as prefetched.</summary>
    [Range(1, 1_000)] public int? ConcurrentMessageLimit { get; set; }
}
