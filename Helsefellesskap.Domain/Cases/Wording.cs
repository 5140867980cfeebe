namespace Helsefellesskap.Domain.Cases;

/// <summary>A version of the wording a body treats; amending it in the meeting adds a version.</summary>
public sealed class Wording
{
    private Wording() { Text = ""; }

    internal Wording(Guid treatmentId, int version, string text, Guid byPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(text), "Ordlyden kan ikke være tom.");
        Plausible.LongText(text, "Ordlyden");
        TreatmentId = treatmentId;
        Version = version;
        Text = text.Trim();
        ByPersonId = byPersonId;
        At = at;
    }

    public Guid TreatmentId { get; private set; }
    public int Version { get; private set; }
    public string Text { get; private set; }
    public Guid ByPersonId { get; private set; }
    public DateTimeOffset At { get; private set; }
}

/// <summary>Where a version of the proposed decision came from: the events that make a version mean something.</summary>
public enum ProposalOrigin
{
    /// <summary>Saved explicitly by the secretariat; also every version made before origins were recorded.</summary>
    Saved,
    /// <summary>The draft's text when the case was registered.</summary>
    Registered,
    /// <summary>The text the secretariat sent to a body (a treatment started).</summary>
    SentToBody,
    /// <summary>A preparing body's final wording, put forward to a deciding body (innstilling).</summary>
    Recommendation,
    /// <summary>An advising body's final wording, put forward to a deciding body (faglig råd).</summary>
    Advice,
}

/// <summary>
/// A version of a case's proposed decision (forslag til vedtak), cut when the case is registered, sent to a body,
/// recommended or advised by a body, or saved explicitly; the draft the secretariat types is not a version.
/// </summary>
public sealed class ProposalVersion
{
    private ProposalVersion() { Text = ""; }

    internal ProposalVersion(Guid caseId, int version, string text, ProposalOrigin origin, string? bodyName,
        Guid byPersonId, DateTimeOffset at)
    {
        CaseId = caseId;
        Version = version;
        Text = text;
        Origin = origin;
        BodyName = bodyName;
        ByPersonId = byPersonId;
        At = at;
    }

    public Guid CaseId { get; private set; }
    public int Version { get; private set; }
    public string Text { get; private set; }
    public ProposalOrigin Origin { get; private set; }

    /// <summary>The body the text was sent to, or whose recommendation or advice it is.</summary>
    public string? BodyName { get; private set; }

    public Guid ByPersonId { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>A body's own text (a recommendation or advice), not the secretariat's.</summary>
    public bool IsBodysText => Origin is ProposalOrigin.Recommendation or ProposalOrigin.Advice;
}
