using DitCloud.Messaging.Inbox;
using DitCloud.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Messaging;

/// <summary>
/// The outbox and inbox tables, named as MassTransit.EntityFrameworkCore names its extensions so a
/// service's OnModelCreating reads the same with either. Table and column names are fixed here
/// because the relay reads them with plain SQL.
/// </summary>
public static class MessagingModelBuilderExtensions
{
    public static ModelBuilder AddOutboxMessageEntity(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.SequenceNumber);
            outbox.Property(m => m.SequenceNumber).HasColumnName("sequence_number").UseIdentityAlwaysColumn();
            outbox.Property(m => m.MessageId).HasColumnName("message_id");
            outbox.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(300);
            outbox.Property(m => m.Body).HasColumnName("body").HasColumnType("jsonb");
            outbox.Property(m => m.PartitionKey).HasColumnName("partition_key").HasMaxLength(100);
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
            outbox.Property(m => m.TraceState).HasColumnName("trace_state").HasMaxLength(512);
            outbox.Property(m => m.EnqueuedAt).HasColumnName("enqueued_at");
            outbox.HasIndex(m => m.MessageId).IsUnique();
        });
        return modelBuilder;
    }

    public static ModelBuilder AddInboxStateEntity(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxState>(inbox =>
        {
            inbox.ToTable("inbox_state");
            inbox.HasKey(m => new { m.MessageId, m.ConsumerId });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.ConsumerId).HasColumnName("consumer_id").HasMaxLength(300);
            inbox.Property(m => m.ReceivedAt).HasColumnName("received_at");
            inbox.HasIndex(m => m.ReceivedAt);
        });
        return modelBuilder;
    }
}
