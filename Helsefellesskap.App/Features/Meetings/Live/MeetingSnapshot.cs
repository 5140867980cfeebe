using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.App.Features.Meetings.Live;

/// <summary>
/// Everything a screen in the meeting shows, as one immutable value: built once per change on the server and
/// handed to every participant's circuit, so a hundred screens cost one query, not a hundred.
/// </summary>
public sealed record MeetingSnapshot(
    long Revision,
    Guid MeetingId,
    Guid BodyId,
    string BodyName,
    string BodyShortName,
    Mandate Mandate,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Location,
    string? VideoLink,
    MeetingStatus Status,
    IReadOnlyList<AgendaLine> Agenda,
    CurrentItem? Current,
    IReadOnlyList<AttendanceLine> Attendance,
    IReadOnlyList<ForwardTarget> ForwardTargets)
{
    /// <summary>
    /// The snapshot as this user may see it: one shared snapshot serves every screen, so each screen withholds what
    /// its reader may not read. A confidential case they may not read shows by number and legal basis only, with no
    /// wording, position texts or remarks.
    /// </summary>
    public MeetingSnapshot As(MeetingRights rights)
    {
        var withheld = rights.WithheldCases;
        if (withheld.Count == 0) return this;
        string? Hidden(Guid? caseId) => caseId is { } id && withheld.TryGetValue(id, out var title) ? title : null;
        return this with
        {
            Agenda = Agenda.Select(l => Hidden(l.CaseId) is { } title ? l with { Title = title } : l).ToList(),
            Current = Current is { } c && Hidden(c.CaseId) is { } hidden
                ? c with { Title = hidden, Wording = "", Board = c.Board.Select(r => r with { Text = null }).ToList(), Remarks = [] }
                : Current,
        };
    }

    public AgendaLine? OpenLine => Agenda.FirstOrDefault(a => a.State == AgendaItemState.Open);

    /// <summary>How a person stands in the attendance, as the rules on stating a position read it.</summary>
    public MeetingPresence PresenceOf(Guid? personId) =>
        Attendance.FirstOrDefault(a => a.PersonId == personId) is { } a
            ? new MeetingPresence(a.Status, a.SubstituteForPersonId is not null)
            : MeetingPresence.NotCalled;
}

/// <summary>A deciding body a preparing body's recommendation can be put forward to.</summary>
public sealed record ForwardTarget(Guid Id, string ShortName);

public sealed record AgendaLine(Guid ItemId, int Order, AgendaItemKind Kind, string Title, string? CaseNumber,
    Guid? CaseId, AgendaItemState State, string? OutcomeLabel, Guid? TreatmentId = null);

/// <summary>The item every screen follows: its wording, the party board and the computed outcome.</summary>
public sealed record CurrentItem(
    Guid ItemId,
    AgendaItemKind Kind,
    string Title,
    string? CaseNumber,
    Guid? CaseId,
    Guid? TreatmentId,
    CaseType? CaseType,
    bool IsPrincipled,
    AgendaItemState State,
    int WordingVersion,
    string Wording,
    IReadOnlyList<BoardRow> Board,
    IReadOnlyList<VoidedPosition> Voided,
    string? TallySummary,
    int Agreeing,
    int Required,
    Outcome? Outcome,
    NextStep? NextStep,
    string? ForwardedTo,
    IReadOnlyList<RemarkLine> Remarks)
{
    /// <summary>Whose text the wording is when it is not the secretariat's: "Innstilling fra AU".</summary>
    public string? WordingSource { get; init; }

    /// <summary>Whether every party that must agree does, as the domain's tally has it (the consensus rule), not recounted here.</summary>
    public bool EveryPartyAgrees { get; init; }

    public bool TakesPositions => Kind == AgendaItemKind.Case && CaseType != Domain.Cases.CaseType.Information;
    public BoardRow? RowFor(Guid partyId) => Board.FirstOrDefault(r => r.PartyId == partyId);
}

/// <summary>One party on the board: its position on the current wording, or none yet.</summary>
public sealed record BoardRow(Guid PartyId, string PartyName, Guid? PositionId, PositionKind? Kind, string? Text,
    string? RegisteredBy, bool OnBehalf, DateTimeOffset? At, Guid? RegisteredById = null);

/// <summary>A position given on an earlier wording, voided when the chair amended it.</summary>
public sealed record VoidedPosition(string PartyName, PositionKind Kind, int WordingVersion);

public sealed record RemarkLine(string PersonName, string Text, DateTimeOffset At);

public sealed record AttendanceLine(Guid PersonId, string Name, SeatRole Role, string? PartyName,
    AttendanceStatus Status, string? AbsenceReason, string? SubstituteFor)
{
    /// <summary>The person this one is called in as substitute for; <see cref="SubstituteFor"/> is only their name.</summary>
    public Guid? SubstituteForPersonId { get; init; }

    /// <summary>An absent member a substitute may still be called in for, as the meeting decides.</summary>
    public bool AwaitsSubstitute { get; init; }
}
