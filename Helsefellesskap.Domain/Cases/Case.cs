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

    private Case() { Title = ""; Background = ""; Assessment = ""; }

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

    public Guid LastEditedById { get; private set; }
    public DateTimeOffset LastEditedAt { get; private set; }

    public IReadOnlyList<ProposalVersion> ProposalVersions => _proposalVersions;
    public string ProposedDecision => _proposalVersions.Count == 0 ? "" : _proposalVersions.MaxBy(v => v.Version)!.Text;

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

    public void Edit(string title, CaseType type, bool isPrincipled, CaseTag tags, string background, string assessment,
        Guid byPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(title), "Saken må ha en tittel.");
        DomainException.ThrowIf(title.Trim().Length > 200, "Tittelen kan ikke være lengre enn 200 tegn.");
        Plausible.SingleLine(title.Trim(), "Tittelen");
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

    /// <summary>Saves a new version of the proposed decision; an unchanged text adds no version.</summary>
    public void ReviseProposal(string text, Guid byPersonId, DateTimeOffset at)
    {
        var trimmed = (text ?? "").Trim();
        // A draft may lack its proposed decision while it is written; a registered decision case may not.
        DomainException.ThrowIf(Type == CaseType.Decision && trimmed.Length == 0 && Number is not null,
            "En beslutningssak må ha et forslag til vedtak.");
        if (_proposalVersions.Count > 0 && trimmed == ProposedDecision) return;
        _proposalVersions.Add(new ProposalVersion(Id, _proposalVersions.Count + 1, trimmed, byPersonId, at));
        LastEditedById = byPersonId;
        LastEditedAt = at;
    }

    /// <summary>Gives the draft its number; the number comes from the body's series for the year.</summary>
    public void Register(CaseNumberSeries series)
    {
        DomainException.ThrowIf(Number is not null, $"Saken er allerede registrert som {Number}.");
        DomainException.ThrowIf(series.BodyId != BodyId, "Saksnummeret må komme fra utvalget saken er meldt til.");
        DomainException.ThrowIf(Type == CaseType.Decision && ProposedDecision.Length == 0,
            "En beslutningssak må ha et forslag til vedtak før den registreres.");
        var number = series.Next();
        Year = number.Year;
        Sequence = number.Sequence;
    }

    public Treatment StartTreatment(Body body, DateOnly on, Guid byPersonId, DateTimeOffset at, Guid? meetingId = null)
    {
        DomainException.ThrowIf(Number is null, "Saken må registreres før den kan behandles.");
        DomainException.ThrowIf(body.PartnershipId != PartnershipId, "Utvalget hører til et annet helsefellesskap.");
        var open = OpenTreatment;
        DomainException.ThrowIf(open is not null, $"Saken er allerede til behandling i {open?.BodyName}.");
        DomainException.ThrowIf(Type != CaseType.Information && ProposedDecision.Length == 0,
            "Saken må ha et forslag til vedtak før den kan behandles.");
        var treatment = new Treatment(this, body, on, meetingId, byPersonId, at);
        _treatments.Add(treatment);
        return treatment;
    }

    public Position RegisterPosition(Guid treatmentId, Party party, int wordingVersion, PositionKind kind, string? text,
        Guid byPersonId, bool onBehalf, DateTimeOffset at, SeenPosition? seen = null) =>
        TreatmentById(treatmentId).RegisterPosition(party, wordingVersion, kind, text, byPersonId, onBehalf, at, seen);

    public Wording AmendWording(Guid treatmentId, string text, Guid byPersonId, DateTimeOffset at) =>
        TreatmentById(treatmentId).AmendWording(text, byPersonId, at);

    public Outcome CloseTreatment(Guid treatmentId, DateTimeOffset at, NextStep? nextStep,
        IReadOnlyCollection<Party> partnershipParties, Body? forwardTo = null)
    {
        var treatment = TreatmentById(treatmentId);
        treatment.Close(at, nextStep, partnershipParties, forwardTo);
        return treatment.Outcome;
    }

    /// <summary>The working committee (or a professional committee) returns the case to the secretariat.</summary>
    public void SendBack(Guid treatmentId, string comment, DateTimeOffset at) =>
        TreatmentById(treatmentId).SendBack(comment, at);

    /// <summary>
    /// The body a case waits for: where its recommendation or advice was put forward, once it is ready; or the
    /// body whose decision a party rejected in local ratification, which must take the case up again.
    /// </summary>
    public Guid? ReadyForBodyId => LatestTreatment switch
    {
        { IsClosed: true, ForwardedToBodyId: { } target } => target,
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
