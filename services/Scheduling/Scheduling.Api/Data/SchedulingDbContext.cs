using DitCloud.Messaging;
using DitCloud.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Scheduling.Api.Data;

/// <summary>
/// The scheduling database. Enums are stored by name so the tables read plainly in psql; tables
/// that hold history (attendance, appointment changes, availability patterns, audit) are made
/// append-only by the migration.
/// </summary>
public sealed class SchedulingDbContext(DbContextOptions<SchedulingDbContext> options) : DbContext(options)
{
    public DbSet<PractitionerRow> Practitioners => Set<PractitionerRow>();
    public DbSet<AvailabilityPatternRow> AvailabilityPatterns => Set<AvailabilityPatternRow>();
    public DbSet<TimeOffRow> TimeOff => Set<TimeOffRow>();
    public DbSet<CourseRow> Courses => Set<CourseRow>();
    public DbSet<AppointmentRow> Appointments => Set<AppointmentRow>();
    public DbSet<AppointmentChangeRow> AppointmentChanges => Set<AppointmentChangeRow>();
    public DbSet<AttendanceRow> Attendance => Set<AttendanceRow>();
    public DbSet<WithdrawnReferralRow> WithdrawnReferrals => Set<WithdrawnReferralRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditRecordEntity().AddOutboxMessageEntity().AddInboxStateEntity();
        // For the exclusion constraints that keep appointments from overlapping (see the migration).
        modelBuilder.HasPostgresExtension("btree_gist");

        modelBuilder.Entity<PractitionerRow>(practitioner =>
        {
            practitioner.ToTable("practitioners");
            practitioner.Property(p => p.DisplayName).HasMaxLength(200);
            practitioner.Property(p => p.RegistrationNumber).HasMaxLength(32);
            practitioner.HasIndex(p => p.RegistrationNumber).IsUnique();
            practitioner.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
            practitioner.HasOne<PractitionerRow>().WithMany().HasForeignKey(p => p.SupervisorId).OnDelete(DeleteBehavior.Restrict);
            practitioner.HasIndex(p => new { p.DisplayName, p.Id });
            practitioner.Property(p => p.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<AvailabilityPatternRow>(pattern =>
        {
            pattern.ToTable("availability_patterns");
            pattern.HasKey(p => p.Sequence);
            pattern.Property(p => p.Sequence).UseIdentityAlwaysColumn();
            pattern.Property(p => p.Windows).HasColumnType("jsonb");
            pattern.Property(p => p.SetBy).HasMaxLength(200);
            pattern.HasOne<PractitionerRow>().WithMany().HasForeignKey(p => p.PractitionerId).OnDelete(DeleteBehavior.Restrict);
            pattern.HasIndex(p => new { p.PractitionerId, p.EffectiveFrom });
        });

        modelBuilder.Entity<TimeOffRow>(timeOff =>
        {
            timeOff.ToTable("time_off");
            timeOff.Property(t => t.AddedBy).HasMaxLength(200);
            timeOff.HasOne<PractitionerRow>().WithMany().HasForeignKey(t => t.PractitionerId).OnDelete(DeleteBehavior.Restrict);
            timeOff.HasIndex(t => new { t.PractitionerId, t.StartsAt });
        });

        modelBuilder.Entity<CourseRow>(course =>
        {
            course.ToTable("courses");
            course.HasIndex(c => c.ReferralId).IsUnique();
            course.HasIndex(c => c.PatientReference);
            course.Property(c => c.PartnerId).HasMaxLength(200);
            course.Property(c => c.DeliveryMode).HasConversion<string>().HasMaxLength(20);
            course.Property(c => c.State).HasConversion<string>().HasMaxLength(30);
            course.Property(c => c.EndReason).HasConversion<string>().HasMaxLength(30);
            course.Property(c => c.AssignmentReason).HasMaxLength(2000);
            course.Property(c => c.EndingNote).HasMaxLength(1000);
            course.Property(c => c.FirstOffers).HasColumnType("jsonb");
            course.HasOne<PractitionerRow>().WithMany().HasForeignKey(c => c.PractitionerId).OnDelete(DeleteBehavior.Restrict);
            // The waiting queue in order, and each practitioner's open courses (their caseload).
            course.HasIndex(c => new { c.State, c.ReferredAt });
            course.HasIndex(c => new { c.PractitionerId, c.State });
            course.Property(c => c.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<AppointmentRow>(appointment =>
        {
            appointment.ToTable("appointments", table => table.HasCheckConstraint("ck_appointments_ends_after_start", "ends_at > starts_at"));
            appointment.HasIndex(a => a.RequestId).IsUnique();
            appointment.HasOne<CourseRow>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
            appointment.HasOne<PractitionerRow>().WithMany().HasForeignKey(a => a.PractitionerId).OnDelete(DeleteBehavior.Restrict);
            appointment.Property(a => a.DeliveryMode).HasConversion<string>().HasMaxLength(20);
            appointment.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            appointment.Property(a => a.Phase).HasConversion<string>().HasMaxLength(20);
            appointment.Property(a => a.ChangeReason).HasConversion<string>().HasMaxLength(30);
            appointment.Property(a => a.CancelledBy).HasConversion<string>().HasMaxLength(20);
            appointment.Property(a => a.CancellationNote).HasMaxLength(1000);
            appointment.HasIndex(a => new { a.PractitionerId, a.StartsAt });
            appointment.HasIndex(a => new { a.PatientReference, a.StartsAt });
            appointment.HasIndex(a => new { a.CourseId, a.StartsAt });
            appointment.Property(a => a.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<AppointmentChangeRow>(change =>
        {
            change.ToTable("appointment_changes");
            change.HasKey(c => c.Sequence);
            change.Property(c => c.Sequence).UseIdentityAlwaysColumn();
            change.Property(c => c.Change).HasConversion<string>().HasMaxLength(30);
            change.Property(c => c.Reason).HasConversion<string>().HasMaxLength(30);
            change.Property(c => c.Note).HasMaxLength(1000);
            change.Property(c => c.ActorId).HasMaxLength(200);
            change.Property(c => c.ActorKind).HasMaxLength(20);
            change.HasIndex(c => c.AppointmentId);
        });

        modelBuilder.Entity<AttendanceRow>(attendance =>
        {
            attendance.ToTable("attendance_records");
            attendance.HasKey(a => a.Sequence);
            attendance.Property(a => a.Sequence).UseIdentityAlwaysColumn();
            attendance.HasOne<CourseRow>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
            attendance.HasIndex(a => new { a.CourseId, a.Sequence });
        });

        modelBuilder.Entity<WithdrawnReferralRow>(withdrawn =>
        {
            withdrawn.ToTable("withdrawn_referrals");
            withdrawn.HasKey(w => w.ReferralId);
            withdrawn.Property(w => w.Reason).HasConversion<string>().HasMaxLength(30);
        });
    }
}
