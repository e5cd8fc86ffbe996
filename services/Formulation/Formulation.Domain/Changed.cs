namespace DitCloud.Formulation.Domain;

/// <summary>The new state after a step, with the event the caller publishes (through its outbox) for it.</summary>
public sealed record Changed<TState, TEvent>(TState State, TEvent Event);
