using DitCloud.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DitCloud.Scheduling.Api.Data;

/// <summary>
/// Turns the database's last-line guards into answers a caller can act on: a lost optimistic
/// concurrency race is ABORTED (read again and retry), an overlapping appointment caught by an
/// exclusion constraint is ABORTED (the slot was taken meanwhile), a unique key is ALREADY_EXISTS.
/// </summary>
public static class DatabaseErrors
{
    public const string PractitionerOverlapConstraint = "appointments_no_practitioner_overlap";
    public const string PatientOverlapConstraint = "appointments_no_patient_overlap";

    /// <summary>Saves, translating the guards' refusals; <paramref name="what"/> names the record for a concurrency refusal.</summary>
    public static async Task SaveChangesOrExplainAsync(this SchedulingDbContext db, string what, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (Explain(failure, what) is { } explained)
        {
            throw explained;
        }
    }

    public static DomainException? Explain(DbUpdateException failure, string what) => failure switch
    {
        DbUpdateConcurrencyException => new DomainException(DomainErrorKind.Aborted,
            $"the {what} was changed by someone else meanwhile; read it again and retry"),
        { InnerException: PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation, ConstraintName: PractitionerOverlapConstraint } } =>
            new DomainException(DomainErrorKind.Aborted,
                "the slot was taken meanwhile: the practitioner now has an overlapping appointment; find slots again"),
        { InnerException: PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation, ConstraintName: PatientOverlapConstraint } } =>
            new DomainException(DomainErrorKind.Aborted,
                "the patient now has an overlapping appointment, booked meanwhile; find slots again"),
        { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_practitioners_registration_number" } } =>
            DomainException.AlreadyExists("a practitioner with this registration_number is already registered"),
        _ => null,
    };
}
