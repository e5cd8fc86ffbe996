using DitCloud.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DitCloud.Formulation.Api.Data;

/// <summary>
/// Turns the database's last-line guards into answers a caller can act on. Writes to one course are
/// serialised by its row lock, so these fire only when that is bypassed (a replica's race on a
/// course row being created) or a client's etag is stale by the time of the save.
/// </summary>
public static class DatabaseErrors
{
    public static DomainException? Explain(DbUpdateException failure, string what) => failure switch
    {
        DbUpdateConcurrencyException => new DomainException(DomainErrorKind.Aborted,
            $"the {what} was changed by someone else meanwhile; read it again and retry"),
        { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => new DomainException(DomainErrorKind.Aborted,
            $"the {what} was written by someone else meanwhile; read it again and retry"),
        _ => null,
    };
}
