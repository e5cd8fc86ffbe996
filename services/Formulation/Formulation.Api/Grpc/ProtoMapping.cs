using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.Inventory;
using DitCloud.Formulation.Domain.Ipaf;
using DitCloud.Formulation.Domain.SessionNotes;
using DomainNoteStatus = DitCloud.Formulation.Domain.SessionNotes.SessionNoteStatus;
using DomainLetterStatus = DitCloud.Formulation.Domain.GoodbyeLetters.GoodbyeLetterStatus;
using DitCloud.Formulation.V1;
using Google.Protobuf.WellKnownTypes;
using Domain = DitCloud.Formulation.Domain;
using V1 = DitCloud.Formulation.V1;

namespace DitCloud.Formulation.Api.Grpc;

/// <summary>Stored records as the API shows them. Clinical text goes only into responses, never anywhere else.</summary>
internal static class ProtoMapping
{
    public static InventoryRelationship Relationship(RelationshipRevision revision) => new()
    {
        RelationshipId = revision.RelationshipId.ToString("D"),
        Kind = (V1.RelationshipKind)(int)revision.Details.Kind,
        Label = revision.Details.Who,
        Current = revision.Details.Timeframe == RelationshipTimeframe.Current,
        Quality = revision.Details.Quality,
        LinkToPattern = revision.Details.LinkToPattern ?? "",
        Archived = revision.Details.Archived,
        Etag = RelationshipEtag(revision.Revision),
        Closeness = revision.Details.Closeness,
        Conflict = revision.Details.Conflict,
        Revision = revision.Revision,
        RecordTime = Timestamp.FromDateTimeOffset(revision.RecordedAt),
        RecordedByPractitionerId = revision.RecordedBy,
    };

    public static string RelationshipEtag(int revision) => revision.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Ipaf Ipaf(IpafVersionRow row, IpafFormulation formulation)
    {
        var version = row.ToDomain();
        return new Ipaf
        {
            CourseId = row.CourseId.ToString("D"),
            Version = row.Number,
            Status = formulation.IsSuperseded(version) ? V1.IpafStatus.Superseded : version.Status switch
            {
                Domain.Ipaf.IpafStatus.Draft => V1.IpafStatus.Draft,
                Domain.Ipaf.IpafStatus.SharedWithPatient => V1.IpafStatus.Shared,
                _ => V1.IpafStatus.Agreed,
            },
            SelfRepresentation = row.SelfRepresentation,
            OtherRepresentation = row.OtherRepresentation,
            LinkingAffect = row.ConsciousAffect,
            LinkingAffectLessConscious = row.LessConsciousAffect ?? "",
            DefensiveFunction = row.DefensiveFunction,
            Transference = row.TherapyRelationship ?? "",
            RevisionReason = row.RevisionReason ?? "",
            AuthorPractitionerId = row.DraftedBy,
            CreateTime = Timestamp.FromDateTimeOffset(row.DraftedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(row.LastEditedAt),
            ShareTime = row.SharedAt is { } shared ? Timestamp.FromDateTimeOffset(shared) : null,
            SharedByPractitionerId = row.SharedBy ?? "",
            AgreeTime = row.AgreementRecordedAt is { } agreed ? Timestamp.FromDateTimeOffset(agreed) : null,
            AgreedOn = row.AgreedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            AgreedAtSession = row.AgreedAtSession ?? 0,
            AgreementRecordedByPractitionerId = row.AgreementRecordedBy ?? "",
            Etag = row.Etag,
        };
    }

    /// <param name="withAddenda">False for lists, which leave addenda out.</param>
    public static V1.SessionNote Note(SessionNoteRow row, CourseCareTeam careTeam, bool withAddenda = true)
    {
        var note = row.ToDomain();
        var proto = new V1.SessionNote
        {
            SessionNoteId = row.Id.ToString("D"),
            CourseId = row.CourseId.ToString("D"),
            AppointmentId = row.AppointmentId.ToString("D"),
            SessionNumber = row.SessionNumber,
            Phase = (V1.TherapyPhase)(int)row.Phase,
            FocusWork = row.FocusWork,
            Content = row.Text,
            AuthorPractitionerId = row.AuthorId,
            Status = note.Status == DomainNoteStatus.Draft ? V1.SessionNoteStatus.Draft
                : note.AwaitsCountersignature(careTeam) ? V1.SessionNoteStatus.AwaitingCountersignature
                : V1.SessionNoteStatus.Signed,
            SignTime = row.SignedAt is { } signed ? Timestamp.FromDateTimeOffset(signed) : null,
            CountersignedByPractitionerId = row.CountersignedBy ?? "",
            CountersignTime = row.CountersignedAt is { } countersigned ? Timestamp.FromDateTimeOffset(countersigned) : null,
            Etag = row.Etag,
        };
        proto.Techniques.AddRange(note.Techniques.Select(ToProto));
        if (withAddenda)
        {
            proto.Addenda.AddRange(row.Addenda.OrderBy(a => a.Sequence).Select(a => new SessionNoteAddendum
            {
                AddendumId = a.Id.ToString("D"),
                Text = a.Text,
                AuthorPractitionerId = a.AuthorId,
                CreateTime = Timestamp.FromDateTimeOffset(a.WrittenAt),
            }));
        }

        return proto;
    }

    public static V1.GoodbyeLetter Letter(GoodbyeLetterRow row)
    {
        var letter = row.ToDomain();
        return new V1.GoodbyeLetter
        {
            CourseId = row.CourseId.ToString("D"),
            Status = letter.Status == DomainLetterStatus.Issued ? V1.GoodbyeLetterStatus.Issued : V1.GoodbyeLetterStatus.Draft,
            Content = letter.Text,
            ProgressMade = row.ProgressMade,
            WhatToWatchFor = row.WhatToWatchFor,
            ManagingSetbacks = row.ManagingSetbacks,
            FormulationVersion = row.FormulationVersion,
            AuthorPractitionerId = row.DraftedBy,
            UpdateTime = Timestamp.FromDateTimeOffset(row.LastEditedAt),
            IssueTime = row.IssuedAt is { } issued ? Timestamp.FromDateTimeOffset(issued) : null,
            IssuedAtSession = row.IssuedAtSession ?? 0,
            Etag = row.Etag,
        };
    }

    /// <summary>The fixed list's techniques and their proto values (the proto keeps three older values that are refused).</summary>
    private static readonly Dictionary<DitTechnique, V1.Technique> Techniques = new()
    {
        [DitTechnique.LinkingPastAndPresent] = V1.Technique.LinkingPastAndPresent,
        [DitTechnique.HereAndNowTransference] = V1.Technique.HereAndNow,
        [DitTechnique.NamingEmotions] = V1.Technique.NamingEmotions,
        [DitTechnique.MentalisingTheOther] = V1.Technique.PromotingMentalizing,
        [DitTechnique.TryingAlternatives] = V1.Technique.NewWaysOfRelating,
        [DitTechnique.RolePlay] = V1.Technique.RolePlay,
        [DitTechnique.Modelling] = V1.Technique.Modelling,
        [DitTechnique.Feedback] = V1.Technique.Feedback,
        [DitTechnique.ReviewingTheIpaf] = V1.Technique.ReviewingTheIpaf,
        [DitTechnique.EndingWork] = V1.Technique.EndingWork,
    };

    private static readonly Dictionary<V1.Technique, DitTechnique> FromProto = Techniques.ToDictionary(t => t.Value, t => t.Key);

    public static V1.Technique ToProto(DitTechnique technique) => Techniques[technique];

    /// <summary>The domain technique for a proto value; null for a value off DIT's fixed list.</summary>
    public static DitTechnique? FromFixedList(V1.Technique technique) => FromProto.TryGetValue(technique, out var known) ? known : null;

    public static IEnumerable<V1.Technique> FixedList => Techniques.Values;
}
