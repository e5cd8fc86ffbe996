namespace DitCloud.Contracts.Events.V1;

/// <summary>
/// What every DitCloud integration event carries. Events hold ids and codes only: never an NHS
/// number, a name, a date of birth, contact details or clinical text.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Unique id of this event; consumers use it to ignore redeliveries.</summary>
    Guid EventId { get; }

    /// <summary>When the change the event reports happened (not when it was published).</summary>
    DateTimeOffset OccurredAt { get; }
}
