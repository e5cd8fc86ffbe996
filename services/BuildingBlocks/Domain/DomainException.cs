namespace DitCloud.Domain;

/// <summary>The kinds of rule failure a caller can act on; each maps to one gRPC status.</summary>
public enum DomainErrorKind
{
    /// <summary>The input breaks a rule (INVALID_ARGUMENT).</summary>
    InvalidArgument,
    /// <summary>The thing asked for does not exist or is not visible to the caller (NOT_FOUND).</summary>
    NotFound,
    /// <summary>The thing already exists in a different form (ALREADY_EXISTS).</summary>
    AlreadyExists,
    /// <summary>The thing is in a state that does not allow the operation (FAILED_PRECONDITION).</summary>
    FailedPrecondition,
    /// <summary>The caller may not do this (PERMISSION_DENIED).</summary>
    PermissionDenied,
    /// <summary>A concurrent change won; retry the whole read-modify-write (ABORTED).</summary>
    Aborted,
}

/// <summary>One field that breaks a rule, named by its path in the request (for google.rpc.BadRequest).</summary>
/// <param name="Field">The field path in the request message, e.g. <c>patient.nhs_number</c>.</param>
/// <param name="Description">Why it fails and how to fix it. Never contains the field's value.</param>
public sealed record FieldViolation(string Field, string Description);

/// <summary>
/// A domain rule refused an operation. The message is shown to the caller, so it must say what is
/// wrong and how to fix it, and must never contain personal data (NHS number, names, dates of birth,
/// clinical text).
/// </summary>
public sealed class DomainException(DomainErrorKind kind, string message, IReadOnlyList<FieldViolation>? violations = null)
    : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;

    public IReadOnlyList<FieldViolation> Violations { get; } = violations ?? [];

    public static DomainException Invalid(IReadOnlyList<FieldViolation> violations) =>
        new(DomainErrorKind.InvalidArgument, string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")), violations);

    public static DomainException Invalid(string field, string description) => Invalid([new FieldViolation(field, description)]);

    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);

    public static DomainException AlreadyExists(string message) => new(DomainErrorKind.AlreadyExists, message);

    public static DomainException Precondition(string message) => new(DomainErrorKind.FailedPrecondition, message);

    public static DomainException Denied(string message) => new(DomainErrorKind.PermissionDenied, message);
}
