using Grpc.Core;

namespace DitCloud.ServiceDefaults.Security;

public static class PatientReferenceReporting
{
    /// <summary>The response header carrying the reference; the gateway records it in its audit and removes it.</summary>
    public const string HeaderName = "dit-patient-ref";

    /// <summary>
    /// Names the patient this call concerned for the gateway's audit, pseudonymously (a referral or
    /// course id, never the NHS number or anything identifying on its own). Call before the first
    /// response message; a later call is ignored because the headers have gone.
    /// </summary>
    public static void ReportPatientReference(this ServerCallContext context, string pseudonymousReference)
    {
        var response = context.GetHttpContext().Response;
        if (!response.HasStarted) response.Headers[HeaderName] = pseudonymousReference;
    }

    /// <summary>The same for a service's UUID reference; nothing when the service does not know the patient yet.</summary>
    public static void ReportPatientReference(this ServerCallContext context, Guid? pseudonymousReference)
    {
        if (pseudonymousReference is { } reference) context.ReportPatientReference(reference.ToString());
    }
}
