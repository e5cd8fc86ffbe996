using DitCloud.Formulation.Domain;
using DitCloud.Messaging;
using DitCloud.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Formulation.Api.Data;

/// <summary>
/// The formulation database. Clinical text columns are sized from the domain's <see cref="TextLimits"/>;
/// history tables are append-only and signed or shared records are frozen by triggers (see the
/// Initial migration), so no code path can rewrite what was recorded.
/// </summary>
public sealed class FormulationDbContext(DbContextOptions<FormulationDbContext> options) : DbContext(options)
{
    public DbSet<CourseRow> Courses => Set<CourseRow>();

    public DbSet<AttendedSessionRow> AttendedSessions => Set<AttendedSessionRow>();

    public DbSet<RelationshipRevisionRow> RelationshipRevisions => Set<RelationshipRevisionRow>();

    public DbSet<IpafVersionRow> IpafVersions => Set<IpafVersionRow>();

    public DbSet<SessionNoteRow> SessionNotes => Set<SessionNoteRow>();

    public DbSet<NoteAddendumRow> NoteAddenda => Set<NoteAddendumRow>();

    public DbSet<GoodbyeLetterRow> GoodbyeLetters => Set<GoodbyeLetterRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditRecordEntity().AddOutboxMessageEntity().AddInboxStateEntity();

        modelBuilder.Entity<CourseRow>(course =>
        {
            course.ToTable("courses");
            course.HasKey(c => c.CourseId);
            course.Property(c => c.CourseId).ValueGeneratedNever();
            course.HasIndex(c => c.PractitionerId);
            course.HasIndex(c => c.SupervisorId);
        });

        modelBuilder.Entity<AttendedSessionRow>(session =>
        {
            session.ToTable("attended_sessions");
            session.HasKey(s => s.AppointmentId);
            session.Property(s => s.AppointmentId).ValueGeneratedNever();
            session.Property(s => s.Phase).HasConversion<int>();
            session.HasIndex(s => new { s.CourseId, s.SessionNumber });
        });

        modelBuilder.Entity<RelationshipRevisionRow>(revision =>
        {
            revision.ToTable("relationship_revisions");
            revision.HasKey(r => new { r.RelationshipId, r.Revision });
            revision.Property(r => r.Who).HasMaxLength(TextLimits.RelationshipWho);
            revision.Property(r => r.Quality).HasMaxLength(TextLimits.RelationshipDescription);
            revision.Property(r => r.LinkToPattern).HasMaxLength(TextLimits.RelationshipDescription);
            revision.Property(r => r.RecordedBy).HasMaxLength(100);
            revision.HasIndex(r => r.CourseId);
        });

        modelBuilder.Entity<IpafVersionRow>(version =>
        {
            version.ToTable("ipaf_versions");
            version.HasKey(v => new { v.CourseId, v.Number });
            foreach (var part in new[] { nameof(IpafVersionRow.SelfRepresentation), nameof(IpafVersionRow.OtherRepresentation),
                         nameof(IpafVersionRow.ConsciousAffect), nameof(IpafVersionRow.LessConsciousAffect),
                         nameof(IpafVersionRow.DefensiveFunction), nameof(IpafVersionRow.TherapyRelationship) })
            {
                version.Property(part).HasMaxLength(TextLimits.IpafPart);
            }

            version.Property(v => v.RevisionReason).HasMaxLength(TextLimits.RevisionReason);
            version.Property(v => v.DraftedBy).HasMaxLength(100);
            version.Property(v => v.SharedBy).HasMaxLength(100);
            version.Property(v => v.AgreementRecordedBy).HasMaxLength(100);
            version.Property(v => v.RowVersion).IsRowVersion();
        });

        modelBuilder.Entity<SessionNoteRow>(note =>
        {
            note.ToTable("session_notes");
            note.HasKey(n => n.Id);
            note.Property(n => n.Id).ValueGeneratedNever();
            note.Property(n => n.Phase).HasConversion<int>();
            note.Property(n => n.AuthorId).HasMaxLength(100);
            note.Property(n => n.FocusWork).HasMaxLength(TextLimits.SessionNoteFocusWork);
            note.Property(n => n.Text).HasMaxLength(TextLimits.SessionNoteText);
            note.Property(n => n.CountersignedBy).HasMaxLength(100);
            note.Property(n => n.RowVersion).IsRowVersion();
            // One note per attended session, however it is reached.
            note.HasIndex(n => new { n.CourseId, n.SessionNumber }).IsUnique();
            note.HasIndex(n => n.AppointmentId).IsUnique();
            note.HasMany(n => n.Addenda).WithOne().HasForeignKey(a => a.NoteId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<NoteAddendumRow>(addendum =>
        {
            addendum.ToTable("session_note_addenda");
            addendum.HasKey(a => a.Id);
            addendum.Property(a => a.Id).ValueGeneratedNever();
            addendum.Property(a => a.AuthorId).HasMaxLength(100);
            addendum.Property(a => a.Text).HasMaxLength(TextLimits.AddendumText);
            addendum.HasIndex(a => new { a.NoteId, a.Sequence }).IsUnique();
        });

        modelBuilder.Entity<GoodbyeLetterRow>(letter =>
        {
            letter.ToTable("goodbye_letters");
            letter.HasKey(l => l.CourseId);
            letter.Property(l => l.CourseId).ValueGeneratedNever();
            foreach (var part in new[] { nameof(GoodbyeLetterRow.SelfRepresentation), nameof(GoodbyeLetterRow.OtherRepresentation),
                         nameof(GoodbyeLetterRow.ConsciousAffect), nameof(GoodbyeLetterRow.LessConsciousAffect),
                         nameof(GoodbyeLetterRow.DefensiveFunction), nameof(GoodbyeLetterRow.TherapyRelationship) })
            {
                letter.Property(part).HasMaxLength(TextLimits.IpafPart);
            }

            letter.Property(l => l.ProgressMade).HasMaxLength(TextLimits.GoodbyeLetterSection);
            letter.Property(l => l.WhatToWatchFor).HasMaxLength(TextLimits.GoodbyeLetterSection);
            letter.Property(l => l.ManagingSetbacks).HasMaxLength(TextLimits.GoodbyeLetterSection);
            letter.Property(l => l.DraftedBy).HasMaxLength(100);
            letter.Property(l => l.IssuedBy).HasMaxLength(100);
            letter.Property(l => l.RowVersion).IsRowVersion();
        });
    }
}
