using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Domain.Cases;

public enum CaseStatus
{
    Draft,
    Registered,
    UnderTreatment,
    SentBack,
    Recommended,
    Advised,
    Binding,
    AdoptedPendingRatification,
    NotAdopted,
    NoConsensus,
    Noted,
}

/// <summary>
/// A case (sak): the secretariat's presentation, its versioned proposed decision, and the treatments
/// by one body after another.
/// </summary>
public sealed class Case : Aggregate
{
    private readonly List<ProposalVersion> _proposalVersions = [];
    private readonly List<Treatment> _treatments = [];
    private readonly List<Attachment> _attachments = [];
    private readonly List<CaseAddendum> _addenda = [];

    private Case() { Title = ""; Background = ""; Assessment = ""; DraftProposal = ""; }

    public Case(Guid partnershipId, Body body, string title, CaseType type, bool isPrincipled, CaseTag tags,
        string background, string assessment, string proposedDecision, Guid byPersonId, DateTimeOffset at,
        Guid? responsibleOfficerId = null)
    {
        DomainException.ThrowIf(body.PartnershipId != partnershipId, "Utvalget hører til et annet helsefellesskap.");
        PartnershipId = partnershipId;
        BodyId = body.Id;
        Type = type;
        CreatedAt = at;
        Title = "";
        Background = "";
        Assessment = "";
        DraftProposal = "";
        Edit(title, type, isPrincipled, tags, background, assessment, byPersonId, at);
        ReviseProposal(proposedDecision, byPersonId, at);
        ResponsibleOfficerId = responsibleOfficerId ?? byPersonId;
    }

    public Guid PartnershipId { get; private set; }

    /// <summary>The body the case is meant for, which also numbers it.</summary>
    public Guid BodyId { get; private set; }

    public int? Year { get; private set; }
    public int? Sequence { get; private set; }
    public CaseNumber? Number => Year is { } y && Sequence is { } s ? new CaseNumber(y, s) : null;

    public string Title { get; private set; }
    public CaseType Type { get; private set; }
    public bool IsPrincipled { get; private set; }
    public CaseTag Tags { get; private set; }
    public string Background { get; private set; }
    public string Assessment { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The secretariat's case officer (saksbehandler) responsible for the case.</summary>
    public Guid ResponsibleOfficerId { get; private set; }

    /// <summary>Exempt from publication (unntatt offentlighet), on the legal basis given.</summary>
    public bool IsExemptFromPublication { get; private set; }
    public string? ExemptionBasis { get; private set; }

    /// <summary>
    /// Exempt under a duty of confidentiality (taushetsplikt, offentleglova § 13): the basis decides that reading is
    /// restricted, not only publication. Other bases (offl. § 14, internal documents) only keep the case off the public record.
    /// </summary>
    public bool IsConfidential => IsExemptFromPublication && IsDutyOfConfidentiality(ExemptionBasis);

    public static bool IsDutyOfConfidentiality(string? legalBasis) =>
        legalBasis is not null && System.Text.RegularExpressions.Regex.IsMatch(legalBasis, @"^\s*(offl\.?|offentleglova|offentlighetsloven)\s*§\s*13\b",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>The bodies treating the case or meant to: the one it is for, those it has been in and where it is sent on.</summary>
    public IEnumerable<Guid> TreatingBodyIds =>
        new[] { BodyId }.Concat(_treatments.SelectMany(t => new[] { (Guid?)t.BodyId, t.ForwardedToBodyId, t.NextStepBodyId })
            .OfType<Guid>()).Distinct();

    public Guid LastEditedById { get; private set; }
    public DateTimeOffset LastEditedAt { get; private set; }

    /// <summary>The secretariat's working text of the proposed decision, which the editor saves as it is typed.</summary>
    public string DraftProposal { get; private set; }

    public IReadOnlyList<ProposalVersion> ProposalVersions => _proposalVersions;

    /// <summary>The latest version of the proposed decision; none before the case is registered.</summary>
    public ProposalVersion? CurrentProposal => _proposalVersions.MaxBy(v => v.Version);

    /// <summary>The proposed decision as it stands: its latest version, or a draft's working text.</summary>
    public string ProposedDecision => CurrentProposal?.Text ?? DraftProposal;

    /// <summary>The secretariat has changed the draft since the latest version; the change is not a version yet.</summary>
    public bool HasUnversionedDraft => CurrentProposal is { } current && current.Text != DraftProposal;

    /// <summary>The version of the proposed decision a treatment started from, which says whose text it was.</summary>
    public ProposalVersion? ProposalVersionOf(Treatment treatment) =>
        _proposalVersions.FirstOrDefault(v => v.Version == treatment.StartedFromProposalVersion);

    /// <summary>Dated, signed additions to a decided case (tilleggsopplysninger and rettelser), oldest first.</summary>
    public IReadOnlyList<CaseAddendum> Addenda => _addenda;

    public IReadOnlyList<Attachment> Attachments => _attachments;

    public IReadOnlyList<Treatment> Treatments => _treatments;
    public Treatment? OpenTreatment => _treatments.SingleOrDefault(t => !t.IsClosed);
    /// <summary>The treatment started last; two on one day are told apart by when their first wording was made.</summary>
    public Treatment? LatestTreatment => _treatments.MaxBy(t => (t.StartedOn, t.Wordings.Min(w => w.At)));

    public CaseStatus Status
    {
        get
        {
            if (Number is null) return CaseStatus.Draft;
            var latest = LatestTreatment;
            if (latest is null) return CaseStatus.Registered;
            if (!latest.IsClosed) return CaseStatus.UnderTreatment;
            return latest.Outcome switch
            {
                Outcome.SentBack => CaseStatus.SentBack,
                Outcome.Binding => CaseStatus.Binding,
                Outcome.AdoptedPendingRatification => CaseStatus.AdoptedPendingRatification,
                Outcome.NotAdopted => CaseStatus.NotAdopted,
                Outcome.Recommendation => CaseStatus.Recommended,
                Outcome.Advice => CaseStatus.Advised,
                Outcome.Noted => CaseStatus.Noted,
                _ => CaseStatus.NoConsensus,
            };
        }
    }

    /// <summary>The first treatment by a deciding body that has closed: from then on the case is decided.</summary>
    public Treatment? DecidedIn => _treatments.Where(t => t.IsClosed && t.Mandate == Mandate.Decides).MinBy(t => t.ClosedAt);

    /// <summary>Why the title and presentation can no longer change, or null while they can.</summary>
    public string? PresentationLockReason => DecidedIn is { } d
        ? $"Saken er behandlet i {d.BodyName} {d.StartedOn:dd.MM.yyyy}. Tittel, saksfremstilling og vedlegg er låst; " +
          "legg til en tilleggsopplysning eller rettelse på saken i stedet."
        : null;

    /// <summary>
    /// Why the proposed decision can no longer change, or null while it can: a decision of a deciding body stands on it,
    /// or a body's recommendation or advice awaits the deciding body. A case that must be treated again (no consensus,
    /// or rejected in local ratification) may get a new proposal.
    /// </summary>
    public string? ProposalLockReason
    {
        get
        {
            var latest = LatestTreatment;
            if (latest is { IsClosed: true, ForwardedToBodyId: not null } && CurrentProposal is { IsBodysText: true } held)
                return $"Forslaget til vedtak er {held.Label()} og venter på behandling i {latest.ForwardedToBodyName}. " +
                       $"Sekretariatet kan ikke endre det; endringer i ordlyden gjøres av {latest.ForwardedToBodyName} i møtet.";
            var decided = _treatments.Where(t => t.IsClosed && t.Mandate == Mandate.Decides).MaxBy(t => t.ClosedAt);
            if (decided is not null && decided.Outcome is not (Outcome.NoConsensus or Outcome.NotAdopted))
                return $"Saken er avgjort i {decided.BodyName} {decided.StartedOn:dd.MM.yyyy}, og forslaget til vedtak kan ikke endres. " +
                       "Legg til en tilleggsopplysning eller rettelse på saken i stedet.";
            return null;
        }
    }

    /// <summary>The fields a broken rule about a case can name (<see cref="DomainException.Field"/>).</summary>
    public const string TitleField = nameof(Title);

    /// <inheritdoc cref="TitleField"/>
    public const string ProposalField = nameof(ProposedDecision);

    public void Edit(string title, CaseType type, bool isPrincipled, CaseTag tags, string background, string assessment,
        Guid byPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(title), "Saken må ha en tittel.", TitleField);
        var reason = PresentationLockReason;
        DomainException.ThrowIf(reason is not null && (title.Trim() != Title || isPrincipled != IsPrincipled
            || (background ?? "") != Background || (assessment ?? "") != Assessment), reason!);
        DomainException.ThrowIf(title.Trim().Length > 200, "Tittelen kan ikke være lengre enn 200 tegn.", TitleField);
        Plausible.SingleLine(title.Trim(), "Tittelen", TitleField);
        Plausible.LongText(background, "Bakgrunnen");
        Plausible.LongText(assessment, "Vurderingen");
        DomainException.ThrowIf(type != Type && _treatments.Count > 0,
            "Sakstypen kan ikke endres etter at saken er behandlet.");
        DomainException.ThrowIf(isPrincipled != IsPrincipled && OpenTreatment is not null,
            "Om saken er prinsipiell kan ikke endres mens den er til behandling.");
        Title = title.Trim();
        Type = type;
        IsPrincipled = isPrincipled;
        Tags = tags;
        Background = background ?? "";
        Assessment = assessment ?? "";
        LastEditedById = byPersonId;
        LastEditedAt = at;
    }

    public void AssignResponsibleOfficer(Guid personId) => ResponsibleOfficerId = personId;

    /// <summary>A case is public unless exempted, and an exemption must name its legal basis (hjemmel).</summary>
    public void SetPublication(bool exempt, string? legalBasis, Guid byPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(exempt && string.IsNullOrWhiteSpace(legalBasis),
            "Oppgi hjemmel for å unnta saken fra offentlighet, for eksempel «offl. § 14».");
        IsExemptFromPublication = exempt;
        ExemptionBasis = exempt ? legalBasis!.Trim() : null;
        LastEditedById = byPersonId;
        LastEditedAt = at;
    }

    /// <summary>Attaches a file (vedlegg) after the attachment policy has checked its name, type, size and content.</summary>
    public Attachment AddAttachment(string fileName, long sizeBytes, ReadOnlySpan<byte> head, string sha256, Guid byPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(PresentationLockReason is not null, PresentationLockReason!);
        var attachment = Attachment.Create(Id, fileName, sizeBytes, head, sha256, byPersonId, at);
        var same = _attachments.FirstOrDefault(a => a.Sha256 == attachment.Sha256);
        DomainException.ThrowIf(same is not null, $"Denne filen er allerede lagt ved saken som «{same?.FileName}».");
        _attachments.Add(attachment);
        LastEditedById = byPersonId;
        LastEditedAt = at;
        return attachment;
    }

    public void RemoveAttachment(Guid attachmentId, Guid byPersonId, DateTimeOffset at)
    {
        var attachment = _attachments.SingleOrDefault(a => a.Id == attachmentId)
            ?? throw new DomainException("Vedlegget finnes ikke i denne saken.");
        DomainException.ThrowIf(PresentationLockReason is not null, PresentationLockReason!);
        _attachments.Remove(attachment);
        LastEditedById = byPersonId;
        LastEditedAt = at;
    }

    /// <summary>A draft may still be meant for another body; once registered, its number belongs to its body.</summary>
    public void MeantFor(Body body)
    {
        if (body.Id == BodyId) return;
        DomainException.ThrowIf(Number is not null,
            $"Saken er registrert som {Number} og kan ikke flyttes til et annet utvalg.");
        DomainException.ThrowIf(body.PartnershipId != PartnershipId, "Utvalget hører til et annet helsefellesskap.");
        BodyId = body.Id;
    }

    /// <summary>
    /// Keeps the secretariat's working text of the proposed decision (what autosave writes). It becomes a version
    /// only at an event that means something: registration, sending to a body, or an explicit save.
    /// </summary>
    public void ReviseProposal(string text, Guid byPersonId, DateTimeOffset at)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed == DraftProposal) return;
        Plausible.LongText(trimmed, "Forslaget til vedtak", ProposalField);
        // A draft may lack its proposed decision while it is written; a registered decision case may not.
        DomainException.ThrowIf(Type == CaseType.Decision && trimmed.Length == 0 && Number is not null,
            "En beslutningssak må ha et forslag til vedtak.", ProposalField);
        DomainException.ThrowIf(ProposalLockReason is not null, ProposalLockReason!);
        DraftProposal = trimmed;
        LastEditedById = byPersonId;
        LastEditedAt = at;
    }

    /// <summary>The secretariat saves the draft as a new version of the proposed decision ("Lagre som ny versjon").</summary>
    public ProposalVersion SaveProposalVersion(Guid byPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(Number is null, "Forslaget til vedtak får sin første versjon når saken registreres.");
        DomainException.ThrowIf(ProposalLockReason is not null, ProposalLockReason!);
        DomainException.ThrowIf(!HasUnversionedDraft,
            $"Forslaget til vedtak er likt versjon {CurrentProposal!.Version}; det er ingen endring å lagre som ny versjon.");
        return CutVersion(DraftProposal, ProposalOrigin.Saved, null, byPersonId, at);
    }

    private ProposalVersion CutVersion(string text, ProposalOrigin origin, string? bodyName, Guid byPersonId, DateTimeOffset at)
    {
        var version = new ProposalVersion(Id, (CurrentProposal?.Version ?? 0) + 1, text, origin, bodyName, byPersonId, at);
        _proposalVersions.Add(version);
        DraftProposal = text;
        return version;
    }

    /// <summary>
    /// Adds a dated, signed tilleggsopplysning or rettelse to a decided case, whose own text stays as it was decided.
    /// </summary>
    public CaseAddendum AddAddendum(AddendumKind kind, string text, Guid byPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(DecidedIn is null,
            "Tilleggsopplysninger og rettelser føyes til en sak som er behandlet i et utvalg som fatter vedtak. Før det endres saken selv.");
        var addendum = new CaseAddendum(Id, kind, text, byPersonId, at);
        _addenda.Add(addendum);
        return addendum;
    }

    /// <summary>Gives the draft its number; the number comes from the body's series for the year.</summary>
    /// <param name="byPersonId">Who registers it (by default whoever last edited the draft), for its first version.</param>
    public void Register(CaseNumberSeries series, Guid? byPersonId = null, DateTimeOffset? at = null)
    {
        DomainException.ThrowIf(Number is not null, $"Saken er allerede registrert som {Number}.");
        DomainException.ThrowIf(series.BodyId != BodyId, "Saksnummeret må komme fra utvalget saken er meldt til.");
        DomainException.ThrowIf(Type == CaseType.Decision && ProposedDecision.Length == 0,
            "En beslutningssak må ha et forslag til vedtak før den registreres.", ProposalField);
        var number = series.Next();
        Year = number.Year;
        Sequence = number.Sequence;
        CutVersion(DraftProposal, ProposalOrigin.Registered, null, byPersonId ?? LastEditedById, at ?? LastEditedAt);
    }

    public Treatment StartTreatment(Body body, DateOnly on, Guid byPersonId, DateTimeOffset at, Guid? meetingId = null)
    {
        DomainException.ThrowIf(Number is null, "Saken må registreres før den kan behandles.");
        DomainException.ThrowIf(body.PartnershipId != PartnershipId, "Utvalget hører til et annet helsefellesskap.");
        var open = OpenTreatment;
        DomainException.ThrowIf(open is not null, $"Saken er allerede til behandling i {open?.BodyName}.");
        DomainException.ThrowIf(Type != CaseType.Information && ProposedDecision.Length == 0,
            "Saken må ha et forslag til vedtak før den kan behandles.", ProposalField);
        // What the body is sent is a version; a text unchanged since the latest version is that version.
        if (HasUnversionedDraft || CurrentProposal is null)
            CutVersion(DraftProposal, ProposalOrigin.SentToBody, body.ShortName, byPersonId, at);
        var treatment = new Treatment(this, body, on, meetingId, byPersonId, at);
        _treatments.Add(treatment);
        return treatment;
    }

    public Position RegisterPosition(Guid treatmentId, Party party, int wordingVersion, PositionKind kind, string? text,
        Guid byPersonId, bool onBehalf, DateTimeOffset at, SeenPosition? seen = null, Func<Guid, string>? nameOf = null,
        string? provedOrganisation = null) =>
        TreatmentById(treatmentId).RegisterPosition(party, wordingVersion, kind, text, byPersonId, onBehalf, at, seen, nameOf, provedOrganisation);

    public Wording AmendWording(Guid treatmentId, string text, Guid byPersonId, DateTimeOffset at) =>
        TreatmentById(treatmentId).AmendWording(text, byPersonId, at);

    /// <summary>
    /// Closes a body's treatment. A recommendation or advice put forward to a deciding body becomes the case's
    /// proposed decision, as a version marked as that body's, so the deciding body starts from what it was given.
    /// </summary>
    /// <param name="nextStepBody">Without consensus: the body the chair's next step names (the partnership meeting, the working committee).</param>
    public Outcome CloseTreatment(Guid treatmentId, DateTimeOffset at, NextStep? nextStep,
        IReadOnlyCollection<Party> partnershipParties, Body? forwardTo = null, Body? nextStepBody = null, Guid? byPersonId = null)
    {
        var treatment = TreatmentById(treatmentId);
        treatment.Close(at, nextStep, partnershipParties, forwardTo, nextStepBody);
        if (treatment.ForwardedToBodyId is not null)
        {
            var origin = treatment.Mandate == Mandate.Advises ? ProposalOrigin.Advice : ProposalOrigin.Recommendation;
            var wording = treatment.CurrentWording;
            CutVersion(wording.Text, origin, treatment.BodyName, byPersonId ?? wording.ByPersonId, at);
        }
        return treatment.Outcome;
    }

    /// <summary>The working committee (or a professional committee) returns the case to the secretariat.</summary>
    public void SendBack(Guid treatmentId, string comment, DateTimeOffset at) =>
        TreatmentById(treatmentId).SendBack(comment, at);

    /// <summary>
    /// The body a case waits for: where its recommendation or advice was put forward, once it is ready; where the
    /// chair sent it without consensus (the partnership meeting, back to the working committee, a later meeting); or
    /// the body whose decision a party rejected in local ratification, which must take the case up again.
    /// </summary>
    public Guid? ReadyForBodyId => LatestTreatment switch
    {
        { IsClosed: true, ForwardedToBodyId: { } target } => target,
        { IsClosed: true, NextStepBodyId: { } next } => next,
        // Without consensus the chair may send the case to a later meeting of the same body.
        { IsClosed: true, NextStep: Cases.NextStep.LaterMeeting } latest => latest.BodyId,
        { Outcome: Outcome.NotAdopted } rejected => rejected.BodyId,
        _ => null,
    };

    /// <summary>
    /// A case may go on a body's agenda when it has been put forward to that body, or when it was registered for
    /// that body and has not been treated yet (an information case, say).
    /// </summary>
    public bool IsReadyForAgendaOf(Guid bodyId) =>
        ReadyForBodyId == bodyId || (Status == CaseStatus.Registered && BodyId == bodyId);

    /// <summary>
    /// Records a party's local ratification. Once the case has been treated again, the earlier decision's record
    /// is history and stays as it was.
    /// </summary>
    public Ratification RecordRatification(Guid treatmentId, Party party, RatificationEntry entry, Guid byPersonId, DateTimeOffset at)
    {
        var treatment = TreatmentById(treatmentId);
        DomainException.ThrowIf(treatment != LatestTreatment,
            "Saken er behandlet på nytt etter dette vedtaket; forankringen av det tidligere vedtaket kan ikke endres.");
        return treatment.RecordRatification(party, entry, byPersonId, at);
    }

    private Treatment TreatmentById(Guid treatmentId) =>
        _treatments.SingleOrDefault(t => t.Id == treatmentId)
        ?? throw new DomainException("Behandlingen finnes ikke i denne saken.");
}
