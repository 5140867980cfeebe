namespace Helsefellesskap.Domain.Cases;

/// <summary>A version of the wording a body treats; amending it in the meeting adds a version.</summary>
public sealed class Wording
{
    private Wording() { Text = ""; }

    internal Wording(Guid treatmentId, int version, string text, Guid byPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(text), "Ordlyden kan ikke være tom.");
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

/// <summary>A saved version of a case's proposed decision (forslag til vedtak).</summary>
public sealed class ProposalVersion
{
    private ProposalVersion() { Text = ""; }

    internal ProposalVersion(Guid caseId, int version, string text, Guid byPersonId, DateTimeOffset at)
    {
        CaseId = caseId;
        Version = version;
        Text = text;
        ByPersonId = byPersonId;
        At = at;
    }

    public Guid CaseId { get; private set; }
    public int Version { get; private set; }
    public string Text { get; private set; }
    public Guid ByPersonId { get; private set; }
    public DateTimeOffset At { get; private set; }
}
