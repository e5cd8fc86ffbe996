using DitCloud.Domain;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.Events;
using DitCloud.Formulation.Domain.Phases;

namespace DitCloud.Formulation.Domain.Ipaf;

/// <summary>
/// A course's IPAF formulation with every version it has had. Only the newest version can move:
/// Draft, then SharedWithPatient, then Agreed; a revision starts the next version as a draft.
/// Earlier versions are never changed, so what the patient saw and agreed stays readable.
/// </summary>
/// <param name="Versions">Oldest first; version numbers run 1, 2, 3...</param>
/// <param name="OverdueRaisedAtSession">The session at which FormulationOverdue was raised; null while it has not been.</param>
public sealed record IpafFormulation(Guid CourseId, IReadOnlyList<IpafVersion> Versions, int? OverdueRaisedAtSession)
{
    public static IpafFormulation ForCourse(Guid courseId) => new(courseId, [], null);

    /// <summary>The newest version; null before the first draft.</summary>
    public IpafVersion? Current => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>The newest version the patient agreed; null when none has been agreed.</summary>
    public IpafVersion? LatestAgreed => Versions.LastOrDefault(v => v.Status == IpafStatus.Agreed);

    public IpafVersion Version(int number) =>
        Versions.FirstOrDefault(v => v.Number == number)
        ?? throw DomainException.NotFound(Versions.Count == 0
            ? "the formulation has no versions yet; draft one first"
            : $"formulation version {number} does not exist; versions 1 to {Versions.Count} do");

    /// <summary>Starts version 1. Parts may be left empty until the draft is shared.</summary>
    public IpafFormulation Draft(ClinicalAccess access, IpafContent content, DateTimeOffset at)
    {
        access.EnsureCanWrite(CourseId);
        if (Current is { } current)
        {
            throw Refused(current, "draft a first version");
        }

        content.ValidateLengths();
        return this with { Versions = [new IpafVersion(1, content, access.UserId, at, at, null, null)] };
    }

    /// <summary>Replaces the content of the current draft; shared and agreed versions are frozen.</summary>
    public IpafFormulation EditDraft(ClinicalAccess access, IpafContent content, DateTimeOffset at)
    {
        var draft = CurrentIn(access, IpafStatus.Draft, "edit the draft");
        content.ValidateLengths();
        return WithCurrent(draft with { Content = content, LastEditedAt = at });
    }

    /// <summary>Freezes the current draft as the version shown to the patient. Every required part must be written.</summary>
    public IpafFormulation Share(ClinicalAccess access, DateTimeOffset at)
    {
        var draft = CurrentIn(access, IpafStatus.Draft, "share with the patient");
        draft.Content.ValidateComplete();
        return WithCurrent(draft with { Sharing = new IpafSharing(access.UserId, at) });
    }

    /// <summary>Records that the patient agreed the shared version, on which day and in which session.</summary>
    public Changed<IpafFormulation, FormulationAgreed> Agree(
        ClinicalAccess access, DateOnly agreedOn, int sessionNumber, DateTimeOffset at)
    {
        var shared = CurrentIn(access, IpafStatus.SharedWithPatient, "record the patient's agreement");
        new RequestCheck()
            .That(agreedOn != default, "agreed_on", "must be the date the patient agreed the formulation (YYYY-MM-DD)")
            .That(sessionNumber >= 1, "session_number", "must be the number (1 or more) of the session in which it was agreed")
            .ThrowIfAny();

        var agreed = WithCurrent(shared with { Agreement = new IpafAgreement(agreedOn, sessionNumber, access.UserId, at) });
        return new(agreed, new FormulationAgreed(CourseId, shared.Number, agreedOn, sessionNumber));
    }

    /// <summary>
    /// Starts the next version as a draft from a shared or agreed one, which stays as it was.
    /// A draft is not revised: it is edited.
    /// </summary>
    public Changed<IpafFormulation, FormulationRevised> Revise(ClinicalAccess access, IpafContent content, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(content);
        return StartRevision(access, _ => content, null, at);
    }

    /// <summary>
    /// Starts the next version as a draft holding a copy of the current shared or agreed version,
    /// with the reason for revising it; the care team then edits the draft.
    /// </summary>
    public Changed<IpafFormulation, FormulationRevised> Revise(ClinicalAccess access, string reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(access);
        access.EnsureCanWrite(CourseId);
        new RequestCheck().RequiredText("reason", reason, TextLimits.RevisionReason).ThrowIfAny();
        return StartRevision(access, current => current.Content, reason, at);
    }

    /// <summary>
    /// The version a step names, which must be the newest: only the newest version moves.
    /// NOT_FOUND when there is no such version, FAILED_PRECONDITION when a later one exists.
    /// </summary>
    public IpafVersion NewestVersion(int number)
    {
        var version = Version(number);
        return version.Number == Current!.Number
            ? version
            : throw DomainException.Precondition(
                $"formulation version {number} has been followed by version {Current.Number}; only the newest version moves, read it and act on it");
    }

    /// <summary>An agreed version that a later agreed version has replaced as the focus.</summary>
    public bool IsSuperseded(IpafVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Status == IpafStatus.Agreed && LatestAgreed is { } latest && latest.Number > version.Number;
    }

    /// <summary>
    /// Applies scheduling's SessionAttended: the first attended session after the initial phase
    /// with no version ever agreed makes the formulation overdue, once per course.
    /// </summary>
    public SessionAttendanceOutcome RecordSessionAttended(int sessionNumber, InitialPhase initialPhase)
    {
        ArgumentNullException.ThrowIfNull(initialPhase);
        new RequestCheck().That(sessionNumber >= 1, "session_number", "must be 1 or more").ThrowIfAny();

        if (OverdueRaisedAtSession is not null || LatestAgreed is not null || !initialPhase.IsOverAt(sessionNumber))
        {
            return new(this, null);
        }

        return new(this with { OverdueRaisedAtSession = sessionNumber },
            new FormulationOverdue(CourseId, sessionNumber, initialPhase.LastSession));
    }

    private Changed<IpafFormulation, FormulationRevised> StartRevision(
        ClinicalAccess access, Func<IpafVersion, IpafContent> contentFrom, string? reason, DateTimeOffset at)
    {
        access.EnsureCanWrite(CourseId);
        var current = Current;
        if (current is null || current.Status == IpafStatus.Draft)
        {
            throw Refused(current, "revise");
        }

        var content = contentFrom(current);
        content.ValidateLengths();
        var next = new IpafVersion(current.Number + 1, content, access.UserId, at, at, null, null) { RevisionReason = reason };
        return new(this with { Versions = [.. Versions, next] }, new FormulationRevised(CourseId, next.Number, current.Number, at));
    }

    private IpafVersion CurrentIn(ClinicalAccess access, IpafStatus required, string step)
    {
        access.EnsureCanWrite(CourseId);
        var current = Current;
        return current is not null && current.Status == required ? current : throw Refused(current, step);
    }

    private IpafFormulation WithCurrent(IpafVersion replacement) =>
        this with { Versions = [.. Versions.Take(Versions.Count - 1), replacement] };

    private static DomainException Refused(IpafVersion? current, string step) =>
        DomainException.Precondition(current is null
            ? $"cannot {step}: the formulation has no version yet; allowed step: Draft"
            : $"cannot {step}: formulation version {current.Number} is {current.Status}; allowed steps: {AllowedSteps(current.Status)}");

    private static string AllowedSteps(IpafStatus status) => status switch
    {
        IpafStatus.Draft => "EditDraft, Share",
        IpafStatus.SharedWithPatient => "Agree, Revise",
        _ => "Revise",
    };
}
