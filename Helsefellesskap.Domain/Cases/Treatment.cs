using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Domain.Cases;

/// <summary>
/// One body's treatment (behandling) of a case: its wordings, the parties' positions and, computed from
/// them, its outcome. A case is treated by one body after another, so its treatments are its path.
/// </summary>
public sealed class Treatment : Entity
{
    private readonly List<Wording> _wordings = [];
    private readonly List<Position> _positions = [];
    private readonly List<Ratification> _ratifications = [];
    private readonly List<RequiredParty> _requiredParties = [];

    private Treatment() { Case = null!; BodyName = ""; }

    internal Treatment(Case @case, Body body, DateOnly on, Guid? meetingId, Guid byPersonId, DateTimeOffset at)
    {
        Case = @case;
        CaseId = @case.Id;
        BodyId = body.Id;
        BodyName = body.ShortName;
        Mandate = body.Mandate;
        MeetingId = meetingId;
        StartedOn = on;
        foreach (var partyId in body.PartiesThatMustAgree(on))
            _requiredParties.Add(new RequiredParty(Id, partyId));
        DomainException.ThrowIf(_requiredParties.Count == 0 && @case.Type != CaseType.Information,
            $"{body.ShortName} har ingen medlemmer som representerer en part den {on:dd.MM.yyyy}, så ingen kan bli enige.");
        _wordings.Add(new Wording(Id, 1, @case.ProposedDecision, byPersonId, at));
        StartedFromProposalVersion = @case.CurrentProposal?.Version;
    }

    /// <summary>The version of the case's proposed decision the first wording was taken from (none before versions had origins).</summary>
    public int? StartedFromProposalVersion { get; private set; }

    internal Case Case { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid BodyId { get; private set; }

    /// <summary>The body's short name when it treated the case, for the timeline.</summary>
    public string BodyName { get; private set; }

    /// <summary>The body's mandate when it treated the case.</summary>
    public Mandate Mandate { get; private set; }

    public Guid? MeetingId { get; private set; }
    public DateOnly StartedOn { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public NextStep? NextStep { get; private set; }

    /// <summary>
    /// Where a case without consensus goes on the chair's choice: the partnership meeting, the working committee, or
    /// this body's later meeting. The case is then ready for that body's agenda.
    /// </summary>
    public Guid? NextStepBodyId { get; private set; }

    /// <summary>
    /// The outcome as it stood when the body closed the treatment: a fact that later ratification does not change.
    /// Minutes and agenda lines show this; the case's status follows the living <see cref="Outcome"/>.
    /// </summary>
    public Outcome? OutcomeAtClose { get; private set; }

    /// <summary>Why a preparing or advising body sent the case back to the secretariat.</summary>
    public string? SentBackComment { get; private set; }

    /// <summary>The body a recommendation or advice is put forward to, where the case becomes ready for an agenda.</summary>
    public Guid? ForwardedToBodyId { get; private set; }
    public string? ForwardedToBodyName { get; private set; }

    public bool IsClosed => ClosedAt is not null;

    public IReadOnlyList<Wording> Wordings => _wordings;
    public Wording CurrentWording => _wordings.MaxBy(w => w.Version)!;

    /// <summary>Every position ever registered, replaced ones and those on earlier wordings included.</summary>
    public IReadOnlyList<Position> Positions => _positions;

    /// <summary>The positions that count: not replaced, and on the current wording.</summary>
    public IEnumerable<Position> CurrentPositions =>
        _positions.Where(p => !p.IsReplaced && p.WordingVersion == CurrentWording.Version);

    /// <summary>Positions given on an earlier wording: voided by the amendment, shown as such.</summary>
    public bool IsVoided(Position position) => position.WordingVersion < CurrentWording.Version;

    public IReadOnlyList<Ratification> Ratifications => _ratifications;

    /// <summary>The parties that must agree, as the body's seats were when the treatment started.</summary>
    public IReadOnlySet<Guid> RequiredParties => _requiredParties.Select(r => r.PartyId).ToHashSet();

    public ConsensusTally Tally
    {
        get
        {
            var required = RequiredParties;
            var current = CurrentPositions.Where(p => required.Contains(p.PartyId)).ToList();
            var agreeing = current.Where(p => p.IsAgreement).Select(p => p.PartyId).ToList();
            var disagreeing = current.Where(p => !p.IsAgreement).Select(p => p.PartyId).ToList();
            var reserving = current.Where(p => p.Kind == PositionKind.AgreeSubjectToRatification)
                .Select(p => p.PartyId).ToList();
            var missing = required.Except(current.Select(p => p.PartyId)).ToList();
            return new ConsensusTally(required, agreeing, disagreeing, missing, reserving);
        }
    }

    /// <summary>The consensus rule (konsensusprinsippet), with local ratification as it stands now.</summary>
    public Outcome Outcome => OutcomeOf(countRatification: true);

    /// <summary>
    /// For treatments closed before the outcome at close was recorded: the outcome as it stood then is the computed
    /// one with ratification ignored. Changes nothing where it is recorded or the treatment is open.
    /// </summary>
    public bool RecordOutcomeAtCloseWhereMissing()
    {
        if (!IsClosed || OutcomeAtClose is not null) return false;
        OutcomeAtClose = OutcomeOf(countRatification: false);
        return true;
    }

    /// <summary>
    /// The outcome the consensus rule gives at close from the positions alone (ratification ignored): what
    /// <see cref="OutcomeAtClose"/> must be, for a verifier to recompute.
    /// </summary>
    public Outcome OutcomeAtCloseByRule => OutcomeOf(countRatification: false);

    private Outcome OutcomeOf(bool countRatification)
    {
        if (SentBackComment is not null) return Outcome.SentBack;
        if (Case.Type == CaseType.Information) return Outcome.Noted;
        var tally = Tally;
        if (!tally.EveryPartyAgrees) return Outcome.NoConsensus;
        return Mandate switch
        {
            Mandate.Prepares => Outcome.Recommendation,
            Mandate.Advises => Outcome.Advice,
            _ when !RequiresRatification(tally) => Outcome.Binding,
            _ when !countRatification => Outcome.AdoptedPendingRatification,
            _ when _ratifications.Any(r => r.Status == RatificationStatus.Rejected) => Outcome.NotAdopted,
            _ when IsClosed && _ratifications.All(r => r.IsRatified) => Outcome.Binding,
            _ => Outcome.AdoptedPendingRatification,
        };
    }

    private bool RequiresRatification(ConsensusTally tally) => Case.IsPrincipled || tally.Reserving.Count > 0;

    /// <param name="nameOf">The name of the person who registered the party's current position, for the refusal.</param>
    internal Position RegisterPosition(Party party, int wordingVersion, PositionKind kind, string? text,
        Guid byPersonId, bool onBehalf, DateTimeOffset at, SeenPosition? seen = null, Func<Guid, string>? nameOf = null,
        string? provedOrganisation = null)
    {
        DomainException.ThrowIf(Case.Type == CaseType.Information,
            "En orienteringssak tas til orientering; partene gir ikke standpunkt.");
        DomainException.ThrowIf(IsClosed, $"Behandlingen i {BodyName} er avsluttet; standpunkt kan ikke lenger registreres.");
        DomainException.ThrowIf(!RequiredParties.Contains(party.Id),
            $"{party.Name} er ikke en part som skal bli enig i {BodyName}.");
        DomainException.ThrowIf(wordingVersion != CurrentWording.Version,
            $"Standpunktet gjelder versjon {wordingVersion} av ordlyden, men ordlyden er endret (versjon {CurrentWording.Version}). " +
            "Les den nye ordlyden og gi standpunkt på nytt.");

        var earlier = _positions.SingleOrDefault(p => p.PartyId == party.Id && p.WordingVersion == wordingVersion && !p.IsReplaced);
        // The same position twice (a double click, a retry after a dropped connection) counts once.
        if (earlier is not null && earlier.SameAs(kind, text)) return earlier;
        // Two people registering for the same party at once: the second sees the first's position before replacing it.
        DomainException.ThrowIf(seen is { } s && s.PositionId != earlier?.Id,
            $"Noen andre registrerte nettopp et standpunkt for {party.Name}" +
            (earlier is null ? "." : $": «{earlier.Kind.Label()}». ") +
            "Ditt standpunkt er ikke lagret. Se det som nå gjelder, og registrer på nytt om du vil endre det.");
        // A party with several seats: one seat holder never silently replaces what another gave as the party's position.
        if (earlier is not null && earlier.RegisteredByPersonId != byPersonId && seen?.ConfirmsReplacing != true)
            throw new DomainException($"{party.Name} har allerede standpunkt «{earlier.Kind.Label()}», registrert av " +
                $"{nameOf?.Invoke(earlier.RegisteredByPersonId) ?? "en annen"} kl. {NorwegianTime.Clock(earlier.RegisteredAt)}. " +
                "Bekreft at du vil erstatte det.");

        var position = new Position(Id, party.Id, wordingVersion, kind, text, byPersonId, onBehalf, at, provedOrganisation);
        earlier?.ReplaceAt(at);
        _positions.Add(position);
        return position;
    }

    internal Wording AmendWording(string text, Guid byPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(IsClosed, $"Behandlingen i {BodyName} er avsluttet; ordlyden kan ikke endres.");
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(text), "Ordlyden kan ikke være tom.");
        DomainException.ThrowIf(text.Trim() == CurrentWording.Text,
            "Den nye ordlyden er lik den gjeldende; ingenting er endret.");
        var wording = new Wording(Id, CurrentWording.Version + 1, text, byPersonId, at);
        _wordings.Add(wording);
        return wording;
    }

    internal void Close(DateTimeOffset at, NextStep? nextStep, IReadOnlyCollection<Party> partnershipParties, Body? forwardTo,
        Body? nextStepBody = null)
    {
        DomainException.ThrowIf(IsClosed, $"Behandlingen i {BodyName} er allerede avsluttet.");
        var outcome = Outcome;
        DomainException.ThrowIf(outcome == Outcome.NoConsensus && Mandate == Mandate.Decides && nextStep is null,
            "Det er ikke konsensus. Velg hva som skjer videre med saken før behandlingen avsluttes.");
        DomainException.ThrowIf(outcome != Outcome.NoConsensus && nextStep is not null,
            "Et videre løp velges bare når det ikke er konsensus.");
        DomainException.ThrowIf(outcome is Outcome.Recommendation or Outcome.Advice && forwardTo is null,
            $"Velg hvilket utvalg {(outcome == Outcome.Advice ? "rådet" : "innstillingen")} skal legges fram for.");
        DomainException.ThrowIf(forwardTo is not null && outcome is not (Outcome.Recommendation or Outcome.Advice),
            "Bare en innstilling eller et faglig råd legges fram for et annet utvalg.");
        DomainException.ThrowIf(forwardTo is not null && forwardTo.Mandate != Mandate.Decides,
            $"{forwardTo?.ShortName} fatter ikke vedtak; en innstilling legges fram for et utvalg som beslutter.");
        var nextStepBodyId = nextStep is { } step ? NextStepTarget(step, nextStepBody) : (Guid?)null;
        ForwardedToBodyId = forwardTo?.Id;
        ForwardedToBodyName = forwardTo?.ShortName;
        NextStepBodyId = nextStepBodyId;

        if (outcome == Outcome.AdoptedPendingRatification)
            foreach (var partyId in PartiesThatMustRatify(partnershipParties))
                _ratifications.Add(new Ratification(Id, partyId));
        ClosedAt = at;
        NextStep = nextStep;
        OutcomeAtClose = outcome;
    }

    /// <summary>The body a case without consensus goes to: the one the chair's choice names, and no other.</summary>
    private Guid NextStepTarget(NextStep step, Body? body)
    {
        if (step == Cases.NextStep.LaterMeeting)
        {
            DomainException.ThrowIf(body is not null && body.Id != BodyId,
                $"«{step.Label()}» betyr et senere møte i {BodyName}, ikke i {body?.ShortName}.");
            return BodyId;
        }
        var kind = step == Cases.NextStep.UpToPartnershipMeeting ? BodyKind.PartnershipMeeting : BodyKind.WorkingCommittee;
        DomainException.ThrowIf(kind == BodyKind.PartnershipMeeting && Mandate == Mandate.Decides && body?.Id == BodyId,
            $"Saken er allerede i {BodyName}. Velg «{Cases.NextStep.LaterMeeting.Label()}».");
        DomainException.ThrowIf(body is null || body.Kind != kind,
            $"«{step.Label()}» må sendes til {(kind == BodyKind.PartnershipMeeting ? "partnerskapsmøtet" : "arbeidsutvalget")}" +
            (body is null ? "; oppgi hvilket utvalg." : $", ikke til {body.ShortName}."));
        return body!.Id;
    }

    internal void SendBack(string comment, DateTimeOffset at)
    {
        DomainException.ThrowIf(IsClosed, $"Behandlingen i {BodyName} er allerede avsluttet.");
        DomainException.ThrowIf(Mandate == Mandate.Decides,
            $"{BodyName} fatter vedtak; der går en sak uten konsensus videre etter lederens valg, ikke tilbake til sekretariatet.");
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(comment),
            "Skriv en kommentar som forteller sekretariatet hva som må endres.");
        Plausible.LongText(comment, "Kommentaren");
        SentBackComment = comment.Trim();
        ClosedAt = at;
        OutcomeAtClose = Outcome.SentBack;
    }

    /// <summary>
    /// In a principled case every partner ratifies; otherwise only those that agreed subject to ratification.
    /// A region ratifies through each of its municipalities, and the municipalities acting jointly through all.
    /// </summary>
    private IEnumerable<Guid> PartiesThatMustRatify(IReadOnlyCollection<Party> parties)
    {
        var tally = Tally;
        var ratifying = Case.IsPrincipled ? tally.Required : tally.Reserving;
        var byId = parties.ToDictionary(p => p.Id);
        return ratifying.SelectMany(id => byId[id].Kind switch
        {
            PartyKind.HealthRegion => parties.Where(p => p.RegionId == id).Select(p => p.Id),
            PartyKind.MunicipalitiesJointly => parties.Where(p => p.Kind == PartyKind.Municipality).Select(p => p.Id),
            _ => [id],
        }).Distinct();
    }

    /// <summary>
    /// What happened to the decision after the body closed it, oldest first: each rejection and each ratification
    /// with changes in local treatment, and the day it became binding once every party had ratified. These belong
    /// on the case and the public decision page, never inside the approved minutes.
    /// </summary>
    public IReadOnlyList<Development> Developments(Func<Guid, string> partyName)
    {
        var developments = new List<Development>();
        foreach (var r in _ratifications.Where(r => r.Status is RatificationStatus.Rejected or RatificationStatus.RatifiedWithChanges))
        {
            var on = r.TreatedOn ?? DateOnly.FromDateTime(r.RecordedAt?.UtcDateTime ?? DateTime.MinValue);
            var where = r.LocalBody is { Length: > 0 } body ? $" i {char.ToLowerInvariant(body[0])}{body[1..]}" : "";
            developments.Add(r.Status == RatificationStatus.Rejected
                ? new Development(on, $"{partyName(r.PartyId)} avviste vedtaket{where}" + (r.Comment is null ? "" : $" – begrunnelse: {r.Comment}"))
                : new Development(on, $"{partyName(r.PartyId)} forankret vedtaket med endringer{where} – {r.Comment}"));
        }
        if (_ratifications.Count > 0 && _ratifications.All(r => r.IsRatified))
        {
            var last = _ratifications.Max(r => r.TreatedOn ?? DateOnly.MinValue);
            developments.Add(new Development(last,
                $"Forankret i {_ratifications.Count} av {_ratifications.Count} – bindende fra {last:dd.MM.yyyy}"));
        }
        return developments.OrderBy(d => d.On).ToList();
    }

    internal Ratification RecordRatification(Party party, RatificationEntry entry, Guid byPersonId, DateTimeOffset at)
    {
        var item = _ratifications.SingleOrDefault(r => r.PartyId == party.Id);
        DomainException.ThrowIf(item is null, $"{party.Name} skal ikke forankre dette vedtaket lokalt.");
        item!.Record(entry, party.Name, StartedOn, byPersonId, at);
        return item;
    }
}

/// <summary>Something that happened to a decision after the meeting, dated: a rejection, the last ratification.</summary>
public sealed record Development(DateOnly On, string Text);

/// <summary>
/// The party's current position as the one registering saw it (none: null), so a registration made on an
/// out-of-date screen does not silently replace someone else's;
/// <see cref="ConfirmsReplacing"/> says they chose to replace a position another person registered for the party.
/// </summary>
public readonly record struct SeenPosition(Guid? PositionId, bool ConfirmsReplacing = false);

/// <summary>A party that must agree in a treatment, fixed when the treatment starts.</summary>
public sealed record RequiredParty(Guid TreatmentId, Guid PartyId);
