using DitCloud.Domain;
using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.Api.Records;
using DitCloud.Formulation.Api.Watch;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.V1;
using DitCloud.Persistence;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DitCloud.Formulation.Api.Grpc;

/// <summary>
/// dit.formulation.v1.FormulationService. Requests arrive validated (Validators/) and authenticated;
/// each method opens the course's records through <see cref="ClinicalRecords"/> (known course, care
/// team only, audited, the patient named pseudonymously for the gateway's audit), lets the domain
/// decide, stores the result and answers. Domain refusals become gRPC statuses in the shared
/// interceptor. One file per area: inventory, IPAF, session notes, goodbye letter, the watch stream.
/// </summary>
public sealed partial class FormulationApi(
    ClinicalRecords records,
    FormulationDbContext db,
    FormulationChangeFeed feed,
    IAuditTrail audit,
    TimeProvider clock,
    IOptions<FormulationOptions> options,
    IHostApplicationLifetime lifetime) : FormulationService.FormulationServiceBase
{
    /// <summary>
    /// <see cref="ClinicalRecords.ReadAsync"/> for this call's caller, naming the course's patient
    /// (pseudonymously) for the gateway's audit once access is granted.
    /// </summary>
    private async Task<ClinicalRead> ReadRecordsAsync(
        ServerCallContext context, Guid courseId, ClinicalRecordKind record, string method, CancellationToken cancellationToken, string? resourceId = null)
    {
        var read = await records.ReadAsync(context.GetCaller(), courseId, record, method, cancellationToken, resourceId);
        context.ReportPatientReference(read.Course.PatientReference);
        return read;
    }

    /// <summary><see cref="ClinicalRecords.ChangeAsync"/> for this call's caller, naming the course's patient as <see cref="ReadRecordsAsync"/> does.</summary>
    private Task<TResponse> ChangeRecordsAsync<TResponse>(
        ServerCallContext context, Guid courseId, ClinicalRecordKind record, string method,
        Func<ClinicalChange, Task<Func<TResponse>>> change, CancellationToken cancellationToken, string? resourceId = null) =>
        records.ChangeAsync(context.GetCaller(), courseId, record, method, opened =>
        {
            context.ReportPatientReference(opened.Course.PatientReference);
            return change(opened);
        }, cancellationToken, resourceId);

    /// <summary>A validated id field (the validators have refused anything that is not a UUID).</summary>
    private static Guid IdOf(string value) => Guid.Parse(value);

    /// <summary>A change conditional on what the caller last read: ABORTED when the record has changed since.</summary>
    private static void EnsureEtag(string requested, string current, string what)
    {
        if (requested.Length > 0 && !string.Equals(requested, current, StringComparison.Ordinal))
        {
            throw new DomainException(DomainErrorKind.Aborted, $"the {what} has changed since it was read (etag mismatch); read it again and retry");
        }
    }
}
