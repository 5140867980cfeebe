using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Domain.FollowUp;

public enum FollowUpStatus { NotStarted, InProgress, Completed, Cancelled }

/// <summary>A strategy or action-plan goal (mål i strategi eller handlingsplan) an action serves.</summary>
public sealed record GoalLink(string Title, string Url)
{
    public static GoalLink? Create(string? title, string? url)
    {
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(url)) return null;
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(title), "Gi målet i strategien eller handlingsplanen en tittel.");
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(url)
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"),
            "Lenken til målet må være en nettadresse som begynner med http:// eller https://.");
        return new GoalLink(title!.Trim(), url!.Trim());
    }
}

/// <summary>
/// A follow-up action (oppfølgingstiltak) a decision spawns: what is to be done, who owns it, by when, and how
/// far it has come. Only an open action changes; overdue is computed from the deadline, never stored.
/// </summary>
public sealed class FollowUpAction : Aggregate
{
    private FollowUpAction() { What = ""; }

    private FollowUpAction(Case decision, Guid treatmentId, string what, Guid ownerPartyId, Guid ownerPersonId,
        DateOnly? deadline, GoalLink? goal, Guid byPersonId, DateTimeOffset at)
    {
        var treatment = decision.Treatments.SingleOrDefault(t => t.Id == treatmentId)
            ?? throw new DomainException("Behandlingen finnes ikke i denne saken.");
        DomainException.ThrowIf(!IsDecision(treatment),
            "Oppfølgingstiltak knyttes bare til et vedtak: en avsluttet behandling i et utvalg som beslutter, " +
            "som er bindende eller vedtatt med forbehold om forankring.");
        PartnershipId = decision.PartnershipId;
        CaseId = decision.Id;
        TreatmentId = treatmentId;
        CreatedById = byPersonId;
        CreatedAt = at;
        What = "";
        Status = FollowUpStatus.NotStarted;
        Edit(what, ownerPartyId, ownerPersonId, deadline, goal, byPersonId, at);
    }

    /// <summary>A decision can be followed up: a deciding body's closed treatment that was adopted.</summary>
    public static bool IsDecision(Treatment treatment) =>
        treatment is { IsClosed: true, Mandate: Mandate.Decides }
        && treatment.Outcome is Outcome.Binding or Outcome.AdoptedPendingRatification;

    public static FollowUpAction For(Case decision, Guid treatmentId, string what, Guid ownerPartyId, Guid ownerPersonId,
        DateOnly? deadline, GoalLink? goal, Guid byPersonId, DateTimeOffset at) =>
        new(decision, treatmentId, what, ownerPartyId, ownerPersonId, deadline, goal, byPersonId, at);

    /// <summary>
    /// The decision gives a lower body a mandate (SSU establishes a project in a professional committee): the draft
    /// case there is the mandate, and this action follows it up, owned by that body's chair.
    /// </summary>
    public static FollowUpAction ForMandate(Case decision, Guid treatmentId, Body lowerBody, Case mandateCase,
        DateOnly? deadline, GoalLink? goal, Guid byPersonId, DateTimeOffset at, DateOnly today)
    {
        DomainException.ThrowIf(lowerBody.Mandate == Mandate.Decides,
            $"{lowerBody.ShortName} fatter selv vedtak; et mandat gis til et utvalg som forbereder eller gir faglige råd.");
        DomainException.ThrowIf(mandateCase.BodyId != lowerBody.Id, "Mandatsaken må høre til utvalget som får mandatet.");
        var chair = lowerBody.ChairOn(today) is { PartyId: not null } seat ? seat : throw new DomainException($"{lowerBody.ShortName} har ingen leder som kan eie oppfølgingen av mandatet.");
        var action = new FollowUpAction(decision, treatmentId, $"Mandat til {lowerBody.ShortName}: {mandateCase.Title}",
            chair.PartyId!.Value, chair.PersonId, deadline, goal, byPersonId, at)
        {
            MandateCaseId = mandateCase.Id,
        };
        return action;
    }

    public Guid PartnershipId { get; private set; }

    /// <summary>The decision: the case and the deciding body's treatment that adopted it.</summary>
    public Guid CaseId { get; private set; }
    public Guid TreatmentId { get; private set; }

    public string What { get; private set; }
    public Guid OwnerPartyId { get; private set; }
    public Guid OwnerPersonId { get; private set; }
    public DateOnly Deadline { get; private set; }
    public FollowUpStatus Status { get; private set; }
    public int ProgressPercent { get; private set; }
    public string? ProgressNote { get; private set; }
    public string? CancellationReason { get; private set; }
    public string? GoalTitle { get; private set; }
    public string? GoalUrl { get; private set; }

    /// <summary>The goal the action serves; kept as two plain values so the audit trail records them like any other.</summary>
    public GoalLink? Goal => GoalTitle is null ? null : new GoalLink(GoalTitle, GoalUrl ?? "");

    /// <summary>The draft case in a lower body when the decision gave that body a mandate.</summary>
    public Guid? MandateCaseId { get; private set; }

    public Guid CreatedById { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid LastUpdatedById { get; private set; }
    public DateTimeOffset LastUpdatedAt { get; private set; }

    public bool IsOpen => Status is FollowUpStatus.NotStarted or FollowUpStatus.InProgress;

    /// <summary>Overdue (forfalt): the deadline has passed and the action is neither completed nor cancelled.</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && Deadline < today;

    /// <summary>The secretariat changes what is to be done, by whom and by when.</summary>
    public void Edit(string what, Guid ownerPartyId, Guid ownerPersonId, DateOnly? deadline, GoalLink? goal,
        Guid byPersonId, DateTimeOffset at)
    {
        MustBeOpen("endres");
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(what), "Beskriv hva som skal gjøres.");
        DomainException.ThrowIf(what.Trim().Length > 300, "Beskrivelsen av tiltaket kan ikke være lengre enn 300 tegn.");
        DomainException.ThrowIf(ownerPartyId == Guid.Empty, "Velg hvilken part som eier tiltaket.");
        DomainException.ThrowIf(ownerPersonId == Guid.Empty, "Velg hvem som er ansvarlig for tiltaket.");
        DomainException.ThrowIf(deadline is null, "Tiltaket må ha en frist.");
        Plausible.Day(deadline, "Fristen");
        What = what.Trim();
        OwnerPartyId = ownerPartyId;
        OwnerPersonId = ownerPersonId;
        Deadline = deadline!.Value;
        (GoalTitle, GoalUrl) = (goal?.Title, goal?.Url);
        Touch(byPersonId, at);
    }

    /// <summary>Work has begun or moved on: how far it has come, in percent and a short note.</summary>
    public void ReportProgress(int percent, string? note, Guid byPersonId, DateTimeOffset at)
    {
        MustBeOpen("oppdateres");
        DomainException.ThrowIf(percent is < 0 or > 100, "Fremdriften må være mellom 0 og 100 prosent.");
        DomainException.ThrowIf(percent == 100, "Et tiltak som er 100 % ferdig, markeres som fullført.");
        Status = FollowUpStatus.InProgress;
        ProgressPercent = percent;
        ProgressNote = Note(note);
        Touch(byPersonId, at);
    }

    /// <summary>Done: a completed action is 100 % and changes no more.</summary>
    public void Complete(string? note, Guid byPersonId, DateTimeOffset at)
    {
        MustBeOpen("fullføres");
        Status = FollowUpStatus.Completed;
        ProgressPercent = 100;
        ProgressNote = Note(note) ?? ProgressNote;
        Touch(byPersonId, at);
    }

    /// <summary>Stopped before it was done; the reason is kept for the annual report.</summary>
    public void Cancel(string? reason, Guid byPersonId, DateTimeOffset at)
    {
        MustBeOpen("avbrytes");
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(reason), "Oppgi hvorfor tiltaket avbrytes.");
        Status = FollowUpStatus.Cancelled;
        CancellationReason = reason!.Trim();
        Touch(byPersonId, at);
    }

    /// <summary>The secretariat updates every action; the owner person updates the progress of their own.</summary>
    public void MustBeUpdatableBy(Actor actor, DateOnly today) => actor.MustUpdateFollowUp(OwnerPersonId, today);

    private void MustBeOpen(string verb) =>
        DomainException.ThrowIf(!IsOpen,
            $"Tiltaket er {(Status == FollowUpStatus.Completed ? "fullført" : "avbrutt")} og kan ikke {verb}.");

    private static string? Note(string? note)
    {
        if (string.IsNullOrWhiteSpace(note)) return null;
        DomainException.ThrowIf(note.Trim().Length > 500, "Fremdriftsnotatet kan ikke være lengre enn 500 tegn.");
        return note.Trim();
    }

    private void Touch(Guid byPersonId, DateTimeOffset at)
    {
        LastUpdatedById = byPersonId;
        LastUpdatedAt = at;
    }
}
