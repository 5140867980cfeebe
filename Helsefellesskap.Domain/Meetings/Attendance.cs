using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Domain.Meetings;

public enum AttendanceStatus { Expected, Present, Absent }

/// <summary>
/// A person called to a meeting through their seat, and whether they came. A substitute (vara) is called in for
/// a member who reported absence (forfall) and then acts for the party in that meeting.
/// </summary>
public sealed class Attendance : Entity
{
    private Attendance() { }

    internal Attendance(Guid meetingId, Guid personId, SeatRole role, Guid? partyId, Guid? substituteForPersonId)
    {
        MeetingId = meetingId;
        PersonId = personId;
        Role = role;
        PartyId = partyId;
        SubstituteForPersonId = substituteForPersonId;
        Status = AttendanceStatus.Expected;
    }

    public Guid MeetingId { get; private set; }
    public Guid PersonId { get; private set; }
    public SeatRole Role { get; private set; }
    public Guid? PartyId { get; private set; }

    /// <summary>Set for a substitute called in: the member whose place they take.</summary>
    public Guid? SubstituteForPersonId { get; private set; }

    public AttendanceStatus Status { get; private set; }
    public string? AbsenceReason { get; private set; }

    public bool IsCalledInSubstitute => SubstituteForPersonId is not null;

    /// <summary>
    /// The order people are listed in the notice and the minutes: by party (those without one last), then role
    /// (chair first), then name.
    /// </summary>
    public static IEnumerable<T> InListOrder<T>(IEnumerable<T> people, Func<T, string?> partyName, Func<T, SeatRole> role,
        Func<T, string> personName)
    {
        var norwegian = StringComparer.Create(new System.Globalization.CultureInfo("nb-NO"), false);
        return people.OrderBy(p => partyName(p) is null).ThenBy(p => partyName(p) ?? "", norwegian)
            .ThenBy(role).ThenBy(personName, norwegian);
    }

    internal void ReportAbsence(string? reason)
    {
        Plausible.LongText(reason, "Grunnen til forfall");
        Status = AttendanceStatus.Absent;
        AbsenceReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    internal void RecordPresence(bool present)
    {
        Status = present ? AttendanceStatus.Present : AttendanceStatus.Absent;
        if (present) AbsenceReason = null;
    }
}

/// <summary>A remark for the minutes (protokolltilførsel) by someone in the meeting, on one agenda item.</summary>
public sealed class MeetingRemark : Entity
{
    public const int MaxTextLength = 2000;

    private MeetingRemark() { Text = ""; }

    internal MeetingRemark(Guid meetingId, Guid agendaItemId, Guid personId, string text, DateTimeOffset at, Guid? id = null)
    {
        if (id is { } key && key != Guid.Empty) Id = key;
        var trimmed = (text ?? "").Trim();
        DomainException.ThrowIf(trimmed.Length == 0, "Skriv merknaden før du legger den til.");
        DomainException.ThrowIf(trimmed.Length > MaxTextLength, $"En merknad kan ikke være lengre enn {MaxTextLength} tegn.");
        MeetingId = meetingId;
        AgendaItemId = agendaItemId;
        PersonId = personId;
        Text = trimmed;
        At = at;
    }

    public Guid MeetingId { get; private set; }
    public Guid AgendaItemId { get; private set; }
    public Guid PersonId { get; private set; }
    public string Text { get; private set; }
    public DateTimeOffset At { get; private set; }
}

/// <summary>How a person stands in a meeting's attendance: their status, if called, and whether as a substitute called in.</summary>
public sealed record MeetingPresence(AttendanceStatus? Status, bool CalledInAsSubstitute)
{
    public static readonly MeetingPresence NotCalled = new(null, false);

    /// <summary>How a person stands, from their line in the attendance (none: not called).</summary>
    public static MeetingPresence Of(Attendance? line) =>
        line is null ? NotCalled : new MeetingPresence(line.Status, line.IsCalledInSubstitute);
}
