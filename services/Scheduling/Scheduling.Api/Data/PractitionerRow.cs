using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Api.Data;

/// <summary>A practitioner's role in DIT delivery, as registered (matches dit.scheduling.v1.PractitionerRole).</summary>
public enum DitRole
{
    Qualified = 1,
    Trainee = 2,
    Supervisor = 3,
}

/// <summary>A registered practitioner. Staff data, not patient data; their caseload is counted from open courses.</summary>
public sealed class PractitionerRow
{
    public Guid Id { get; init; }
    public required string DisplayName { get; init; }
    public required string RegistrationNumber { get; init; }
    public DitRole Role { get; init; }
    /// <summary>The qualified practitioner supervising a trainee.</summary>
    public Guid? SupervisorId { get; init; }
    public bool PsychodynamicBackground { get; init; }
    public int SupervisedPsychodynamicHours { get; init; }
    public bool OffersVideo { get; init; }
    public bool OffersInPerson { get; init; }
    public int MaxCaseload { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset RegisteredAt { get; init; }
    /// <summary>Optimistic concurrency token, and the etag callers see.</summary>
    public int Version { get; set; }

    public IReadOnlySet<DeliveryMode> DeliveryModes
    {
        get
        {
            var modes = new HashSet<DeliveryMode>();
            if (OffersVideo) modes.Add(DeliveryMode.Video);
            if (OffersInPerson) modes.Add(DeliveryMode.InPerson);
            return modes;
        }
    }

    public static DitStatus StatusOf(DitRole role) => role == DitRole.Trainee ? DitStatus.InTraining : DitStatus.Accredited;

    /// <param name="caseload">Open courses allocated to the practitioner now.</param>
    public Practitioner ToDomain(int caseload) =>
        new(Id, PsychodynamicBackground, SupervisedPsychodynamicHours, StatusOf(Role), SupervisorId, DeliveryModes, MaxCaseload, caseload);
}
