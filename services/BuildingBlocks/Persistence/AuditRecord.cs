using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Persistence;

/// <summary>What was done to patient data.</summary>
public enum AuditAction
{
    Read = 1,
    Create = 2,
    Change = 3,
    List = 4,
}

/// <summary>
/// One row of the audit trail: who read or changed which record, when, and in which trace. It holds
/// ids only (a referral id, a pseudonymous patient reference), never personal data, and the table
/// refuses UPDATE and DELETE (see <see cref="AppendOnlyMigrations"/>).
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; private set; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>The verified caller: a partner's client id, a clinician's user id, or a service name.</summary>
    public required string ActorId { get; init; }
    /// <summary>partner, clinician or service.</summary>
    public required string ActorKind { get; init; }
    public AuditAction Action { get; init; }
    /// <summary>The kind of record, e.g. "referral", "course", "session-note".</summary>
    public required string ResourceType { get; init; }
    public required string ResourceId { get; init; }
    /// <summary>The pseudonymous patient the record belongs to, when there is one.</summary>
    public Guid? PatientReference { get; init; }
    /// <summary>What was done in a word or two, e.g. the gRPC method or "accepted".</summary>
    public required string Detail { get; init; }
    public string? TraceId { get; init; }
}

/// <summary>Who is acting, as the audit trail records them.</summary>
public sealed record AuditActor(string Id, string Kind)
{
    public static AuditActor Service(string name) => new(name, "service");
}

/// <summary>Writes audit records in the same unit of work as the change they describe.</summary>
public interface IAuditTrail
{
    /// <summary>Adds a record to the current unit of work: saved, or not, with the change itself.</summary>
    void Record(AuditActor actor, AuditAction action, string resourceType, string resourceId, Guid? patientReference, string detail);
}

internal sealed class AuditTrail<TContext>(TContext db, TimeProvider clock) : IAuditTrail where TContext : DbContext
{
    public void Record(AuditActor actor, AuditAction action, string resourceType, string resourceId, Guid? patientReference, string detail) =>
        db.Set<AuditRecord>().Add(new AuditRecord
        {
            OccurredAt = clock.GetUtcNow(),
            ActorId = actor.Id,
            ActorKind = actor.Kind,
            Action = action,
            ResourceType = resourceType,
            ResourceId = resourceId,
            PatientReference = patientReference,
            Detail = detail,
            TraceId = Activity.Current?.TraceId.ToHexString(),
        });
}

public static class AuditModelBuilderExtensions
{
    /// <summary>Maps the audit trail to the table <c>audit_records</c>; call in OnModelCreating.</summary>
    public static ModelBuilder AddAuditRecordEntity(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditRecord>(audit =>
        {
            audit.ToTable("audit_records");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Id).UseIdentityAlwaysColumn();
            audit.Property(a => a.ActorId).HasMaxLength(200);
            audit.Property(a => a.ActorKind).HasMaxLength(20);
            audit.Property(a => a.Action).HasConversion<string>().HasMaxLength(20);
            audit.Property(a => a.ResourceType).HasMaxLength(50);
            audit.Property(a => a.ResourceId).HasMaxLength(100);
            audit.Property(a => a.Detail).HasMaxLength(200);
            audit.Property(a => a.TraceId).HasMaxLength(32);
            audit.HasIndex(a => new { a.ResourceType, a.ResourceId });
            audit.HasIndex(a => a.PatientReference);
        });
        return modelBuilder;
    }
}
