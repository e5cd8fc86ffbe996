using Npgsql;
using static DitCloud.Referral.Api.Tests.TestSupport;

namespace DitCloud.Referral.Api.Tests;

/// <summary>What the database itself guarantees, whoever connects with the service's credentials.</summary>
public sealed class StorageTests(ReferralServiceFixture service) : IClassFixture<ReferralServiceFixture>
{
    private async Task<string> ScreenedReferralAsync()
    {
        var id = (await service.Client(TestCaller.Partner("partner-storage")).SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral.ReferralId;
        await service.Client(TestCaller.Clinician("clinician-storage")).ScreenReferralAsync(new() { ReferralId = id, Decision = Requests.NotSuitable() }, cancellationToken: Cancel);
        return id;
    }

    [Theory]
    [InlineData("UPDATE referral_history SET detail = 'rewritten' WHERE referral_id = $1", "append-only")]
    [InlineData("DELETE FROM referral_history WHERE referral_id = $1", "append-only")]
    [InlineData("UPDATE screening_decisions SET reasons = '{}' WHERE referral_id = $1", "append-only")]
    [InlineData("DELETE FROM screening_decisions WHERE referral_id = $1", "append-only")]
    [InlineData("UPDATE audit_records SET actor_id = 'someone-else' WHERE resource_id = $1::text", "append-only")]
    [InlineData("UPDATE referrals SET submission = '{}' WHERE id = $1", "never changed")]
    [InlineData("UPDATE referrals SET received_at = now() WHERE id = $1", "never changed")]
    [InlineData("UPDATE referrals SET version = version - 1 WHERE id = $1", "only moves forward")]
    [InlineData("DELETE FROM referrals WHERE id = $1", "never deleted")]
    public async Task Nothing_clinical_can_be_rewritten_or_deleted(string sql, string says)
    {
        var id = await ScreenedReferralAsync();
        await using var connection = await service.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = Guid.Parse(id) } } };

        var refused = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Cancel));

        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        refused.MessageText.ShouldContain(says);
    }

    [Theory]
    [InlineData("referral_history")]
    [InlineData("screening_decisions")]
    [InlineData("audit_records")]
    [InlineData("referrals")]
    public async Task No_table_of_record_can_be_truncated(string table)
    {
        await ScreenedReferralAsync();
        await using var connection = await service.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand($"TRUNCATE {table} CASCADE", connection);

        (await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Cancel))).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task Personal_data_stays_in_the_referral_and_out_of_history_audit_and_events()
    {
        var id = await ScreenedReferralAsync();

        var kept = await service.QueryAsync("SELECT submission::text AS submission FROM referrals WHERE id = $1", Guid.Parse(id));
        var elsewhere = await service.QueryAsync("""
            SELECT detail AS text FROM referral_history
            UNION ALL SELECT actor_id || ' ' || detail FROM audit_records
            UNION ALL SELECT body::text FROM outbox_messages
            """);

        ((string)kept.Single()["submission"]!).ShouldContain(Requests.NhsNumber, customMessage: "the service needs the patient's details");
        elsewhere.ShouldNotBeEmpty();
        foreach (var row in elsewhere) ((string)row["text"]!).ShouldNotContainPersonalData();
    }
}
