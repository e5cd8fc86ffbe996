using DitCloud.Messaging;
using DitCloud.Persistence;
using DitCloud.Referral.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DitCloud.Referral.Api.Data;

public sealed class ReferralDbContext(DbContextOptions<ReferralDbContext> options) : DbContext(options)
{
    public DbSet<StoredReferral> Referrals => Set<StoredReferral>();

    public DbSet<StoredHistoryEntry> History => Set<StoredHistoryEntry>();

    public DbSet<StoredScreeningDecision> ScreeningDecisions => Set<StoredScreeningDecision>();

    public DbSet<PatientPseudonym> PatientPseudonyms => Set<PatientPseudonym>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditRecordEntity().AddOutboxMessageEntity().AddInboxStateEntity();

        modelBuilder.Entity<StoredReferral>(referral =>
        {
            referral.ToTable("referrals");
            referral.Property(r => r.PartnerId).HasMaxLength(200);
            referral.Property(r => r.PartnerReferralId).HasMaxLength(SubmissionValidator.MaximumPartnerReferralIdLength);
            referral.Property(r => r.Fingerprint).HasMaxLength(64).IsFixedLength();
            referral.Property(r => r.ReferringOdsCode).HasMaxLength(OdsCode.MaximumLength);
            referral.Property(r => r.Ubrn).HasMaxLength(Ubrn.Length);
            referral.Property(r => r.Submission).HasColumnType("jsonb");
            referral.Property(r => r.Version).IsConcurrencyToken();
            // The idempotency key; the final guard when identical submissions race.
            referral.HasIndex(r => new { r.PartnerId, r.PartnerReferralId }).IsUnique();
            referral.HasIndex(r => r.PatientReference);
            // Listing and keyset pages: oldest received first, by id within the same instant.
            referral.HasIndex(r => new { r.ReceivedAt, r.Id });
            referral.HasIndex(r => new { r.PartnerId, r.ReceivedAt, r.Id });
            // Waiting-list positions count the open referrals received before one: keep that range small.
            referral.HasIndex(r => new { r.ReceivedAt, r.Id }, "Waiting")
                .HasDatabaseName("ix_referrals_waiting")
                .HasFilter($"status IN ({string.Join(", ", WaitingList.WaitingStatuses.Order().Select(s => (int)s))})");
            // Nothing clinical is ever deleted (triggers refuse it), so there is nothing to cascade.
            referral.HasMany(r => r.History).WithOne().HasForeignKey(h => h.ReferralId).OnDelete(DeleteBehavior.Restrict);
            referral.HasMany(r => r.ScreeningDecisions).WithOne().HasForeignKey(d => d.ReferralId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<StoredHistoryEntry>(history =>
        {
            history.ToTable("referral_history");
            history.Property(h => h.Id).UseIdentityAlwaysColumn();
            history.Property(h => h.ActorId).HasMaxLength(200);
            history.Property(h => h.Detail).HasMaxLength(300);
            history.Property(h => h.TransactionId).HasDefaultValueSql("(pg_current_xact_id()::text::bigint)");
            history.HasIndex(h => new { h.ReferralId, h.Sequence }).IsUnique();
            history.HasIndex(h => new { h.TransactionId, h.Id });
        });

        modelBuilder.Entity<StoredScreeningDecision>(decision =>
        {
            decision.ToTable("screening_decisions");
            decision.HasKey(d => new { d.ReferralId, d.Sequence });
            decision.Property(d => d.OtherDestination).HasMaxLength(Signpost.MaximumOtherDestinationLength);
            decision.Property(d => d.ClinicianId).HasMaxLength(200);
        });

        modelBuilder.Entity<PatientPseudonym>(pseudonym =>
        {
            pseudonym.ToTable("patient_pseudonyms");
            pseudonym.HasKey(p => p.NhsNumber);
            pseudonym.Property(p => p.NhsNumber).HasMaxLength(10);
            pseudonym.HasIndex(p => p.Reference).IsUnique();
        });
    }
}

/// <summary>For the EF tool only (migrations are generated from the model, never against a real database).</summary>
public sealed class ReferralDbContextFactory : IDesignTimeDbContextFactory<ReferralDbContext>
{
    public ReferralDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReferralDbContext>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options);
}
