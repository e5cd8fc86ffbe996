namespace DitCloud.Formulation.Domain.Ipaf;

/// <summary>Where one version of the IPAF is in its life.</summary>
public enum IpafStatus
{
    /// <summary>Being written; the care team may still edit it.</summary>
    Draft = 1,

    /// <summary>Shown to the patient; frozen, waiting for their agreement or a revision.</summary>
    SharedWithPatient = 2,

    /// <summary>Agreed with the patient; frozen for good.</summary>
    Agreed = 3,
}
