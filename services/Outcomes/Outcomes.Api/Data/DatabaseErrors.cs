using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DitCloud.Outcomes.Api.Data;

/// <summary>Recognises the database's last-line guards in a failed save.</summary>
public static class DatabaseErrors
{
    public const string RequestIdIndex = "ix_measure_sets_request_id";
    public const string MeasurePointVersionIndex = "ix_measure_sets_course_id_occasion_session_number_version";
    public const string CorrectsIdIndex = "ix_measure_sets_corrects_id";
    public const string RiskAcknowledgementKey = "pk_risk_acknowledgements";

    /// <summary>Someone else changed a row this unit of work read (optimistic concurrency).</summary>
    public static bool IsConcurrencyConflict(this DbUpdateException failure) => failure is DbUpdateConcurrencyException;

    /// <summary>A unique index or key refused the row; <paramref name="constraint"/> names which.</summary>
    public static bool IsUniqueViolation(this DbUpdateException failure, string constraint) =>
        failure.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique && unique.ConstraintName == constraint;
}
