using DitCloud.Domain;
using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.Api.Records;
using DitCloud.Formulation.Api.Watch;
using DitCloud.Formulation.V1;
using DitCloud.Persistence;
using Microsoft.Extensions.Options;

namespace DitCloud.Formulation.Api.Grpc;

/// <summary>
/// dit.formulation.v1.FormulationService. Requests arrive validated (Validators/) and authenticated;
/// each method opens the course's records through <see cref="ClinicalRecords"/> (known course, care
/// team only, audited), lets the domain decide, stores the result and answers. Domain refusals
/// become gRPC statuses in the shared interceptor. One file per area: inventory, IPAF, session
/// notes, goodbye letter, the watch stream.
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
