namespace DitCloud.Scheduling.Domain.Practitioners;

/// <summary>Where a practitioner stands on the DIT training route.</summary>
public enum DitStatus
{
    /// <summary>Completed DIT training and accredited; may supervise trainees.</summary>
    Accredited = 1,

    /// <summary>In DIT training; carries cases only under a named accredited supervisor.</summary>
    InTraining = 2,
}
