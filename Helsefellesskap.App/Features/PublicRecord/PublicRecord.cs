using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Cases.Addenda;
using Helsefellesskap.App.Features.Meetings.Documents;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.PublicRecord;

/// <summary>
/// A published decision: the outcome the body reached in the meeting, the outcome now (after local ratification),
/// and what happened since as dated developments.
/// </summary>
public sealed record PublicDecision(Guid TreatmentId, string Number, string Title, string BodyName, DateTimeOffset MeetingAt,
    string Wording, Outcome Outcome, string Background, string Assessment,
    IReadOnlyList<(string Party, PositionKind Kind, string? Text)> Positions)
{
    public Outcome OutcomeAtClose { get; init; } = Outcome;
    public IReadOnlyList<Development> Developments { get; init; } = [];

    /// <summary>Tilleggsopplysninger and rettelser the secretariat added to the case after the decision.</summary>
    public IReadOnlyList<AddendumLine> Addenda { get; init; } = [];
}

/// <summary>
/// What anyone may read without signing in: the decisions of the deciding bodies from meetings whose minutes are
/// approved, of cases not exempt from publication.
/// </summary>
public sealed record PublishedMinutes(Guid MeetingId, string BodyName, DateTimeOffset MeetingAt, DateTimeOffset PublishedAt)
{
    /// <summary>The approved document's SHA-256, once stored.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The audit chain's head printed in the approved document, for outsiders to keep.</summary>
    public Data.Audit.AuditHead? RecordHead { get; init; }
}

public sealed class PublicRecord(IDbContextFactory<AppDbContext> dbFactory, MeetingDocuments documents)
{
    /// <summary>Decisions whose title or texts contain every word searched for.</summary>
    public async Task<IReadOnlyList<PublicDecision>> SearchAsync(string? query)
    {
        var decisions = await DecisionsAsync();
        // A case number, in any form typed ("SSU-sak 1/2026", "001/2026", "SAK 001-2026"), finds that case.
        if (CaseNumber.TryParse(query, out var body, out var number))
            return decisions.Where(d => CaseNumber.TryParse(d.Number, out var dBody, out var dNumber) && dNumber == number &&
                (body is null || string.Equals(body, dBody, StringComparison.OrdinalIgnoreCase))).ToList();
        var words = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return decisions;
        var compare = Norwegian.Culture.CompareInfo;
        bool Has(PublicDecision d, string word) =>
            new[] { d.Title, d.Number, d.Wording, d.Background, d.Assessment, d.BodyName }
                .Any(text => compare.IndexOf(text, word, System.Globalization.CompareOptions.IgnoreCase) >= 0);
        return decisions.Where(d => words.All(w => Has(d, w))).ToList();
    }

    /// <summary>Minutes that have been approved, newest first: what the public record and its feed publish.</summary>
    public async Task<IReadOnlyList<PublishedMinutes>> MinutesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var bodies = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToDictionaryAsync(b => b.Id, b => b.Name);
        var meetings = await db.Meetings.AsNoTracking().IgnoreAutoIncludes()
            .Where(m => m.Status == MeetingStatus.MinutesApproved).ToListAsync();
        var stored = await db.ApprovedMinutes.AsNoTracking().Select(a => new { a.MeetingId, a.Sha256, a.ApprovedAt, a.Document })
            .ToDictionaryAsync(a => a.MeetingId);
        return meetings.Select(m => new PublishedMinutes(m.Id, bodies[m.BodyId], m.StartsAt,
                stored.GetValueOrDefault(m.Id)?.ApprovedAt ?? m.MinutesApprovedAt ?? m.EndsAt)
            {
                Sha256 = stored.GetValueOrDefault(m.Id)?.Sha256,
                RecordHead = stored.GetValueOrDefault(m.Id) is { } s ? Data.Audit.AuditHead.InMinutes(s.Document) : null,
            })
            .OrderByDescending(m => m.PublishedAt).ToList();
    }

    /// <summary>
    /// Approved minutes as the public reads them, from the stored approved document: a case exempt from publication
    /// (when approved, or since) shows only that it is exempt, and why; absence reasons are internal and left out.
    /// </summary>
    public async Task<Minutes?> MinutesAsync(Guid meetingId)
    {
        var minutes = await documents.MinutesAsync(meetingId);
        if (minutes is null || !minutes.IsLocked) return null;
        await using var db = await dbFactory.CreateDbContextAsync();
        var caseIds = minutes.Items.Select(i => i.CaseId).OfType<Guid>().ToList();
        var exemptNow = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id) && c.IsExemptFromPublication)
            .ToDictionaryAsync(c => c.Id, c => c.ExemptionBasis);
        string? ExemptionOf(MinutesItem i) => i.ExemptionBasis ?? (i.CaseId is { } id && exemptNow.TryGetValue(id, out var basis) ? basis ?? "" : null);
        return minutes with
        {
            Absent = minutes.Absent.Select(a => a with { Reason = null }).ToList(),
            Items = minutes.Items.Select(i => ExemptionOf(i) is not { } basis ? i : new MinutesItem(null, i.Number,
                "Sak unntatt offentlighet", i.CaseNumber, i.Kind, i.Treated, null, 0, null, null, null, null, [], [], [], "")
                { ExemptionBasis = basis }).ToList(),
        };
    }

    public async Task<IReadOnlyList<PublicDecision>> DecisionsAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var approved = await db.Meetings.AsNoTracking().Where(m => m.Status == MeetingStatus.MinutesApproved)
            .ToDictionaryAsync(m => m.Id);
        var approvedIds = approved.Keys.ToList();
        var cases = await db.Cases.AsNoTracking().WithRecord()
            .Where(c => !c.IsExemptFromPublication && c.Treatments.Any(t =>
                t.ClosedAt != null && t.Mandate == Mandate.Decides && t.MeetingId != null && approvedIds.Contains(t.MeetingId.Value)))
            .ToListAsync();
        var bodies = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToDictionaryAsync(b => b.Id, b => b.Name);
        var numbering = await CaseRegister.ShortNamesAsync(db);
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name);
        var signerIds = cases.SelectMany(c => c.Addenda).Select(a => a.ByPersonId).Distinct().ToList();
        var signers = await db.People.AsNoTracking().Where(p => signerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        return cases
            .SelectMany(c => c.Treatments
                .Where(t => t.IsClosed && t.Mandate == Mandate.Decides && t.MeetingId is { } m && approved.ContainsKey(m))
                .Select(t => new PublicDecision(t.Id, CaseRegister.NumberText(c, numbering), c.Title, bodies[t.BodyId], approved[t.MeetingId!.Value].StartsAt,
                    t.CurrentWording.Text, t.Outcome, c.Background, c.Assessment,
                    t.CurrentPositions.Select(p => (parties[p.PartyId], p.Kind, p.Text)).OrderBy(p => p.Item1).ToList())
                {
                    OutcomeAtClose = t.OutcomeAtClose ?? t.Outcome,
                    Developments = t.Developments(id => parties[id]),
                    Addenda = AddendumLine.Of(c, signers),
                }))
            .OrderByDescending(d => d.MeetingAt)
            .ToList();
    }

    public async Task<PublicDecision?> DecisionAsync(Guid treatmentId) =>
        (await DecisionsAsync()).SingleOrDefault(d => d.TreatmentId == treatmentId);
}
