namespace Helsefellesskap.Domain.Meetings;

public enum AgendaItemKind { ApprovalOfNotice, ApprovalOfMinutes, Case, AnyOtherBusiness }

public enum AgendaItemState { Pending, Open, Closed }

/// <summary>
/// One item on a meeting's agenda (sakliste): a case put forward to the body, or one of the standard items every
/// meeting has. A case item is treated through the case's treatment, which the item names once it is opened.
/// </summary>
public sealed class AgendaItem : Entity
{
    private AgendaItem() { Title = ""; }

    internal AgendaItem(Guid meetingId, int order, AgendaItemKind kind, string title, Guid? caseId)
    {
        MeetingId = meetingId;
        Order = order;
        Kind = kind;
        Title = title;
        CaseId = caseId;
        State = AgendaItemState.Pending;
    }

    public Guid MeetingId { get; private set; }

    /// <summary>The place on the agenda, from 1.</summary>
    public int Order { get; internal set; }

    public AgendaItemKind Kind { get; private set; }
    public string Title { get; private set; }
    public Guid? CaseId { get; private set; }

    /// <summary>The case's treatment in this meeting, started when the chair opens the item.</summary>
    public Guid? TreatmentId { get; private set; }

    public AgendaItemState State { get; private set; }
    public DateTimeOffset? OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The secretariat's prose for the minutes (Markdown); the recorded positions are not prose.</summary>
    public string MinutesText { get; private set; } = "";

    public bool IsCase => Kind == AgendaItemKind.Case;

    /// <summary>
    /// Whether the minutes say the item was not treated. Only a case can be left untreated (it waits for a later
    /// meeting); the standard items (notice, last minutes, any other business) belong to every meeting held, and
    /// the secretariat's prose says what was done under them, whether or not the chair clicked through them.
    /// </summary>
    public bool IsReportedAsNotTreated => IsCase && State != AgendaItemState.Closed;

    internal void Open(Guid? treatmentId, DateTimeOffset at)
    {
        DomainException.ThrowIf(State == AgendaItemState.Closed, $"«{Title}» er allerede behandlet.");
        DomainException.ThrowIf(State == AgendaItemState.Open, $"«{Title}» er allerede åpnet.");
        DomainException.ThrowIf(IsCase && treatmentId is null, "En sak åpnes med sin behandling i møtet.");
        TreatmentId = treatmentId;
        State = AgendaItemState.Open;
        OpenedAt = at;
    }

    internal void Close(DateTimeOffset at)
    {
        DomainException.ThrowIf(State == AgendaItemState.Closed, $"«{Title}» er allerede avsluttet.");
        DomainException.ThrowIf(State == AgendaItemState.Pending, $"«{Title}» er ikke åpnet ennå.");
        State = AgendaItemState.Closed;
        ClosedAt = at;
    }

    internal void WriteMinutes(string text) => MinutesText = (text ?? "").Trim();
}
