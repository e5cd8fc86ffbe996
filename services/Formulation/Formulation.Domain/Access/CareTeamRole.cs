namespace DitCloud.Formulation.Domain.Access;

/// <summary>The two places in a course's care team that open its clinical records.</summary>
public enum CareTeamRole
{
    /// <summary>The practitioner allocated to the course.</summary>
    Practitioner = 1,

    /// <summary>The practitioner who supervises the course's practitioner.</summary>
    Supervisor = 2,
}
