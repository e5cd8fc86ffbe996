namespace DitCloud.Scheduling.Domain.Practitioners;

/// <summary>
/// How sessions are delivered. Telephone is listed only so that a request for it can be named and
/// refused: DIT is offered by video or in person, never by telephone.
/// </summary>
public enum DeliveryMode
{
    Video = 1,
    InPerson = 2,
    Telephone = 3,
}
