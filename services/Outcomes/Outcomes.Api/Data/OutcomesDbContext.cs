using DitCloud.Messaging;
using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Risk;
using DitCloud.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DitCloud.Outcomes.Api.Data;

public sealed class OutcomesDbContext(DbContextOptions<OutcomesDbContext> options) : DbContext(options)
{
    public DbSet<CourseRow> Courses => Set<CourseRow>();

    public DbSet<SessionAttendanceRow> Attendance => Set<SessionAttendanceRow>();

    public DbSet<MeasureSetRow> MeasureSets => Set<MeasureSetRow>();

    public DbSet<RiskFlagRow> RiskFlags => Set<RiskFlagRow>();

    public DbSet<RiskAcknowledgementRow> RiskAcknowledgements => Set<RiskAcknowledgementRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditRecordEntity().AddOutboxMessageEntity().AddInboxStateEntity();

        modelBuilder.Entity<CourseRow>(course =>
        {
            course.ToTable("courses");
            course.Property(c => c.Id).ValueGeneratedNever();
            course.Property(c => c.PartnerId).HasMaxLength(200);
            course.Property(c => c.Outcome).HasColumnType("jsonb");
            course.Property(c => c.Version).IsConcurrencyToken();
            // The KPIs read courses by the day they ended and the day treatment started.
            course.HasIndex(c => c.EndedOn);
            course.HasIndex(c => c.FirstSessionOn);
            course.HasIndex(c => new { c.PractitionerId, c.Id });
            course.HasIndex(c => new { c.SupervisorId, c.Id });
        });

        modelBuilder.Entity<SessionAttendanceRow>(attendance =>
        {
            attendance.ToTable("session_attendance");
            attendance.HasKey(a => a.AppointmentId);
            attendance.Property(a => a.AppointmentId).ValueGeneratedNever();
            attendance.Property(a => a.Version).IsConcurrencyToken();
            attendance.HasIndex(a => new { a.CourseId, a.SessionNumber });
            attendance.HasIndex(a => a.ReportedOn);
            attendance.HasOne<CourseRow>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<MeasureSetRow>(set =>
        {
            set.ToTable("measure_sets");
            set.Property(m => m.Id).ValueGeneratedNever();
            set.Property(m => m.RecordedBy).HasMaxLength(220);
            set.Property(m => m.CorrectionReason).HasMaxLength(MeasureCorrection.MaxReasonLength);
            // The naming convention does not split a word from its digits ("phq9items"); say it.
            set.Property(m => m.Phq9Items).HasColumnName("phq9_items");
            set.Property(m => m.Phq9Total).HasColumnName("phq9_total");
            set.Property(m => m.Phq9Item9).HasColumnName("phq9_item9");
            set.Property(m => m.Gad7Items).HasColumnName("gad7_items");
            set.Property(m => m.Gad7Total).HasColumnName("gad7_total");
            set.HasIndex(m => m.RequestId).IsUnique();
            // One version n of the measures at one point of a course: the final guard against two
            // first recordings, or two corrections of the same version, racing.
            set.HasIndex(m => new { m.CourseId, m.Occasion, m.SessionNumber, m.Version }).IsUnique();
            set.HasIndex(m => m.CorrectsId).IsUnique();
            set.HasOne<CourseRow>().WithMany().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Restrict);
            set.HasOne<MeasureSetRow>().WithOne().HasForeignKey<MeasureSetRow>(m => m.CorrectsId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RiskFlagRow>(flag =>
        {
            flag.ToTable("risk_flags");
            flag.Property(f => f.Id).ValueGeneratedNever();
            flag.Property(f => f.Rises).HasColumnType("jsonb");
            flag.Property(f => f.Phq9Item9).HasColumnName("phq9_item9");
            flag.Property(f => f.Sequence).UseIdentityAlwaysColumn();
            flag.HasIndex(f => f.Sequence).IsUnique();
            flag.HasIndex(f => new { f.CourseId, f.Sequence });
            flag.HasOne<CourseRow>().WithMany().HasForeignKey(f => f.CourseId).OnDelete(DeleteBehavior.Restrict);
            flag.HasOne<MeasureSetRow>().WithMany().HasForeignKey(f => f.MeasureSetId).OnDelete(DeleteBehavior.Restrict);
            flag.HasOne(f => f.Acknowledgement).WithOne().HasForeignKey<RiskAcknowledgementRow>(a => a.RiskFlagId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RiskAcknowledgementRow>(acknowledgement =>
        {
            acknowledgement.ToTable("risk_acknowledgements");
            acknowledgement.HasKey(a => a.RiskFlagId);
            acknowledgement.Property(a => a.Note).HasMaxLength(RiskFlag.MaxNoteLength);
        });
    }
}

/// <summary>For the EF tool only (migrations are generated from the model, never against a real database).</summary>
public sealed class OutcomesDbContextFactory : IDesignTimeDbContextFactory<OutcomesDbContext>
{
    public OutcomesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OutcomesDbContext>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options);
}
