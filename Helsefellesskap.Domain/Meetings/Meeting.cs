namespace Helsefellesskap.Domain.Meetings;

public enum MeetingStatus { Planned, NoticeSent, InProgress, Closed, MinutesApproved }

/// <summary>A meeting of a body. The agenda, attendance and the live part come with the meeting work.</summary>
public sealed class Meeting : Aggregate
{
    private Meeting() { Location = ""; }

    public Meeting(Guid bodyId, DateTimeOffset startsAt, TimeSpan duration, string location, string? videoLink = null)
    {
        DomainException.ThrowIf(duration <= TimeSpan.Zero, "Et møte må vare en stund.");
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(location) && string.IsNullOrWhiteSpace(videoLink),
            "Et møte må ha et sted eller en videolenke.");
        BodyId = bodyId;
        StartsAt = startsAt;
        EndsAt = startsAt + duration;
        Location = location?.Trim() ?? "";
        VideoLink = string.IsNullOrWhiteSpace(videoLink) ? null : videoLink.Trim();
        Status = MeetingStatus.Planned;
    }

    public Guid BodyId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string Location { get; private set; }
    public string? VideoLink { get; private set; }
    public MeetingStatus Status { get; private set; }

    /// <summary>For demo data and imports of meetings that were held before the app.</summary>
    public void RecordAsHeld(bool minutesApproved) =>
        Status = minutesApproved ? MeetingStatus.MinutesApproved : MeetingStatus.Closed;
}
