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

    /// <summary>The consensus rule (konsensusprinsippet).</summary>
    public Outcome Outcome
    {
        get
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
                _ when _ratifications.Any(r => r.Status == RatificationStatus.Rejected) => Outcome.NotAdopted,
                _ when IsClosed && _ratifications.All(r => r.IsRatified) => Outcome.Binding,
                _ => Outcome.AdoptedPendingRatification,
            };
        }
    }

    private bool RequiresRatification(ConsensusTally tally) => Case.IsPrincipled || tally.Reserving.Count > 0;

    internal Position RegisterPosition(Party party, int wordingVersion, PositionKind kind, string? text,
        Guid byPersonId, bool onBehalf, DateTimeOffset at, SeenPosition? seen = null)
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

        var position = new Position(Id, party.Id, wordingVersion, kind, text, byPersonId, onBehalf, at);
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

    internal void Close(DateTimeOffset at, NextStep? nextStep, IReadOnlyCollection<Party> partnershipParties, Body? forwardTo)
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
        ForwardedToBodyId = forwardTo?.Id;
        ForwardedToBodyName = forwardTo?.ShortName;

        if (outcome == Outcome.AdoptedPendingRatification)
            foreach (var partyId in PartiesThatMustRatify(partnershipParties))
                _ratifications.Add(new Ratification(Id, partyId));
        ClosedAt = at;
        NextStep = nextStep;
    }

    internal void SendBack(string comment, DateTimeOffset at)
    {
        DomainException.ThrowIf(IsClosed, $"Behandlingen i {BodyName} er allerede avsluttet.");
        DomainException.ThrowIf(Mandate == Mandate.Decides,
            $"{BodyName} fatter vedtak; der går en sak uten konsensus videre etter lederens valg, ikke tilbake til sekretariatet.");
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(comment),
            "Skriv en kommentar som forteller sekretariatet hva som må endres.");
        SentBackComment = comment.Trim();
        ClosedAt = at;
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

    internal Ratification RecordRatification(Party party, RatificationEntry entry, Guid byPersonId, DateTimeOffset at)
    {
        var item = _ratifications.SingleOrDefault(r => r.PartyId == party.Id);
        DomainException.ThrowIf(item is null, $"{party.Name} skal ikke forankre dette vedtaket lokalt.");
        item!.Record(entry, party.Name, StartedOn, byPersonId, at);
        return item;
    }
}

/// <summary>
/// The party's current position as the one registering saw it (none: null), so a registration made on an
/// out-of-date screen does not silently replace someone else's.
/// </summary>
public readonly record struct SeenPosition(Guid? PositionId);

/// <summary>A party that must agree in a treatment, fixed when the treatment starts.</summary>
public sealed record RequiredParty(Guid TreatmentId, Guid PartyId);
