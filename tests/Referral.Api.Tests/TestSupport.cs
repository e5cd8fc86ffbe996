using Google.Rpc;
using Grpc.Core;
using Npgsql;

namespace DitCloud.Referral.Api.Tests;

internal static class TestSupport
{
    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The call fails with <paramref name="status"/>; returns the exception for more checks.</summary>
    public static async Task<RpcException> FailsWith(this Task call, StatusCode status)
    {
        var failure = await Should.ThrowAsync<RpcException>(call);
        failure.StatusCode.ShouldBe(status, failure.Status.Detail);
        return failure;
    }

    public static Task<RpcException> FailsWith<T>(this AsyncUnaryCall<T> call, StatusCode status) => call.ResponseAsync.FailsWith(status);

    /// <summary>
    /// INVALID_ARGUMENT with a google.rpc.BadRequest violation on <paramref name="field"/> whose
    /// description contains <paramref name="says"/>; the message names the field too.
    /// </summary>
    public static async Task<BadRequest> RefusesField<T>(this AsyncUnaryCall<T> call, string field, string says)
    {
        var failure = await call.FailsWith(StatusCode.InvalidArgument);
        var badRequest = failure.GetRpcStatus()?.GetDetail<BadRequest>();
        badRequest.ShouldNotBeNull("INVALID_ARGUMENT carries google.rpc.BadRequest details");
        var violation = badRequest.FieldViolations.FirstOrDefault(v => v.Field == field);
        violation.ShouldNotBeNull($"expected a violation on {field}; got {string.Join(", ", badRequest.FieldViolations.Select(v => v.Field))}");
        violation.Description.ShouldContain(says, Case.Insensitive);
        failure.Status.Detail.ShouldContain(field);
        failure.Status.Detail.ShouldNotContainPersonalData();
        return badRequest;
    }

    public static void ShouldNotContainPersonalData(this string text)
    {
        foreach (var personal in Requests.PersonalData)
        {
            text.ShouldNotContain(personal, Case.Insensitive, "personal data must never appear in messages");
        }
    }

    /// <summary>Polls until the condition holds.</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: not reached in {seconds} s (last: {value})");
            await Task.Delay(100, Cancel);
        }
    }

    /// <summary>Rows of one query as dictionaries, for checking what the service stored.</summary>
    public static async Task<List<Dictionary<string, object?>>> QueryAsync(this ReferralServiceFixture service, string sql, params object[] parameters)
    {
        await using var connection = await service.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }
        return rows;
    }

    public static Task<List<Dictionary<string, object?>>> AuditRowsAsync(this ReferralServiceFixture service, string referralId) =>
        service.QueryAsync("SELECT actor_id, actor_kind, action, detail, patient_reference FROM audit_records WHERE resource_type = 'referral' AND resource_id = $1 ORDER BY id", referralId);

    public static Task<List<Dictionary<string, object?>>> HistoryRowsAsync(this ReferralServiceFixture service, string referralId) =>
        service.QueryAsync("SELECT sequence, actor_id, change, from_status, to_status, detail, at FROM referral_history WHERE referral_id = $1 ORDER BY sequence", Guid.Parse(referralId));
}
