using DitCloud.Domain;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.Events;
using DitCloud.Formulation.Domain.Ipaf;
using DitCloud.Formulation.Domain.Phases;

namespace DitCloud.Formulation.Domain.GoodbyeLetters;

/// <summary>
/// The letter the practitioner gives the patient at the end of therapy: the agreed formulation,
/// the progress made, what to watch for and how to manage setbacks. Drafted in the ending phase,
/// issued once. One letter per course: the store keys letters by course and answers a second
/// draft with ALREADY_EXISTS.
/// </summary>
/// <param name="FormulationVersion">The agreed IPAF version the letter quotes.</param>
/// <param name="Formulation">That version's content, copied so the letter reads as it was issued.</param>
public sealed record GoodbyeLetter(
    Guid CourseId,
    int FormulationVersion,
    IpafContent Formulation,
    GoodbyeLetterContent Content,
    string DraftedBy,
    DateTimeOffset DraftedAt,
    DateTimeOffset LastEditedAt,
    string? IssuedBy,
    DateTimeOffset? IssuedAt)
{
    /// <summary>The session at which the letter was given to the patient; null while it is a draft or when issued without one.</summary>
    public int? IssuedAtSession { get; init; }

    public GoodbyeLetterStatus Status => IssuedAt is null ? GoodbyeLetterStatus.Draft : GoodbyeLetterStatus.Issued;

    /// <param name="currentPhase">The phase of the course's latest attended session.</param>
    /// <param name="formulation">The course's formulation; its newest agreed version goes into the letter.</param>
    public static GoodbyeLetter Draft(
        ClinicalAccess access, TherapyPhase currentPhase, IpafFormulation formulation, GoodbyeLetterContent content, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(formulation);
        ArgumentNullException.ThrowIfNull(content);
        access.EnsureCanWrite(formulation.CourseId);
        if (currentPhase != TherapyPhase.Ending)
        {
            throw DomainException.Precondition(
                $"a goodbye letter is drafted only in the ending phase and the course is in the {currentPhase} phase; " +
                "draft it once an ending-phase session has been attended");
        }

        var agreed = formulation.LatestAgreed ?? throw DomainException.Precondition(
            "the goodbye letter quotes the agreed formulation and no formulation version has been agreed; " +
            "share a version with the patient and record their agreement first");
        content.ValidateLengths();
        return new GoodbyeLetter(formulation.CourseId, agreed.Number, agreed.Content, content, access.UserId, at, at, null, null);
    }

    public GoodbyeLetter EditDraft(ClinicalAccess access, GoodbyeLetterContent content, DateTimeOffset at)
    {
        EnsureDraft(access, "edit");
        ArgumentNullException.ThrowIfNull(content);
        content.ValidateLengths();
        return this with { Content = content, LastEditedAt = at };
    }

    /// <summary>
    /// Issues the letter. A second issue is FAILED_PRECONDITION rather than ALREADY_EXISTS: the
    /// letter exists either way, and it is its Issued state that forbids the step.
    /// </summary>
    public Changed<GoodbyeLetter, GoodbyeLetterIssued> Issue(ClinicalAccess access, DateTimeOffset at)
    {
        EnsureDraft(access, "issue");
        Content.ValidateComplete();
        var issued = this with { IssuedBy = access.UserId, IssuedAt = at };
        return new(issued, new GoodbyeLetterIssued(CourseId, FormulationVersion, access.UserId, at));
    }

    /// <summary>Issues the letter at a session of the ending phase, which is recorded with it.</summary>
    /// <param name="sessionPhase">The phase of <paramref name="sessionNumber"/> in the course's plan.</param>
    public Changed<GoodbyeLetter, GoodbyeLetterIssued> Issue(ClinicalAccess access, int sessionNumber, TherapyPhase sessionPhase, DateTimeOffset at)
    {
        EnsureDraft(access, "issue");
        new RequestCheck().That(sessionNumber >= 1, "session_number", "must be the number (1 or more) of the session at which the letter is given").ThrowIfAny();
        if (sessionPhase != TherapyPhase.Ending)
        {
            throw DomainException.Precondition(
                $"the goodbye letter is given in the ending phase and session {sessionNumber} is in the {sessionPhase} phase; " +
                "issue it at a session of the ending phase");
        }

        var issued = Issue(access, at);
        return issued with { State = issued.State with { IssuedAtSession = sessionNumber } };
    }

    /// <summary>The whole letter as the patient reads it: the agreed formulation, then the three sections.</summary>
    public string Text =>
        string.Join("\n\n", new[]
        {
            "How we understood the pattern",
            Formulation.SelfRepresentation,
            Formulation.OtherRepresentation,
            Formulation.LinkingAffects.Conscious,
            Formulation.LinkingAffects.LessConscious,
            Formulation.DefensiveFunction,
            Formulation.TherapyRelationship,
            "What changed",
            Content.ProgressMade,
            "What to watch for",
            Content.WhatToWatchFor,
            "Managing setbacks",
            Content.ManagingSetbacks,
        }.Where(part => !string.IsNullOrWhiteSpace(part)));

    private void EnsureDraft(ClinicalAccess access, string step)
    {
        ArgumentNullException.ThrowIfNull(access);
        access.EnsureCanWrite(CourseId);
        if (Status == GoodbyeLetterStatus.Issued)
        {
            throw DomainException.Precondition(
                $"cannot {step} the goodbye letter: it is Issued, and a letter is issued once and never changes; no further steps are allowed");
        }
    }
}
