using DitCloud.Persistence;
using DitCloud.Referral.Domain;
using Npgsql;

namespace DitCloud.Referral.Api.Data;

/// <summary>
/// Issues each NHS number one pseudonymous patient reference, the only patient id that leaves this
/// service (events, audit records, other services). Issued in its own statement, outside the
/// referral's transaction: a reference for a referral that then fails to save is harmless and reused.
/// </summary>
public sealed class PatientPseudonyms(ServiceDatabase database)
{
    public async Task<Guid> ReferenceForAsync(NhsNumber nhsNumber, CancellationToken cancellationToken)
    {
        // A concurrent first submission for the same patient makes the insert wait, then do nothing;
        // the select, a statement of its own, then sees the committed row.
        await using var batch = database.DataSource.CreateBatch();
        // The batch is one implicit transaction; its commit need not wait for the disk. A referral
        // that uses the reference commits synchronously later, and flushing its commit record flushes
        // this earlier one too; a crash before that loses only a reference nothing uses yet.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('synchronous_commit', 'off', true)"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO patient_pseudonyms (nhs_number, reference) VALUES ($1, $2) ON CONFLICT (nhs_number) DO NOTHING")
        {
            Parameters = { new() { Value = nhsNumber.Value }, new() { Value = Guid.NewGuid() } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT reference FROM patient_pseudonyms WHERE nhs_number = $1")
        {
            Parameters = { new() { Value = nhsNumber.Value } },
        });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            if (reader.FieldCount > 0 && reader.GetFieldType(0) == typeof(Guid) && await reader.ReadAsync(cancellationToken)) return reader.GetGuid(0);
        }
        while (await reader.NextResultAsync(cancellationToken));
        throw new InvalidOperationException("The patient reference was neither inserted nor found.");
    }
}
