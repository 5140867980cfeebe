using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Configurations;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Cases;

public enum CaseSort { Number, Title, LastEdited }

public sealed record CaseFilter(
    Guid? BodyId = null, int? Year = null, CaseStatus? Status = null, CaseType? Type = null, CaseTag? Tag = null,
    bool? Principled = null, string? Text = null, CaseSort Sort = CaseSort.Number, bool Descending = true,
    int Page = 0, int PageSize = 25);

public sealed record CaseRow(Guid Id, string Number, string Title, string BodyShortName, CaseType Type,
    bool IsPrincipled, CaseTag Tags, CaseStatus Status, string? StatusBody, string? ForwardedTo, DateTimeOffset LastEditedAt);

public sealed record CaseRegisterPage(IReadOnlyList<CaseRow> Rows, int Total);

public sealed record QueueRow(Guid CaseId, string Number, string Title, string BodyShortName, DateOnly Since, bool IsPrincipled);

public sealed record DecisionRow(Guid CaseId, Guid TreatmentId, string Number, string Title, string BodyShortName, Outcome Outcome,
    DateTimeOffset DecidedAt, bool IsPrincipled);

/// <summary>
/// The register of cases and of decisions: filtered, searched, sorted and paged in SQL, over the columns that
/// project what the domain computes (status, outcome) and the full-text index of the case texts (AppDbContext.CaseSearchHits).
/// </summary>
public sealed class CaseRegister(IDbContextFactory<AppDbContext> dbFactory, Actors actors, TimeProvider clock)
{
    /// <summary>
    /// The register (and the decisions list and the preparation and agenda queues) lists every numbered case, so the numbering shows no gaps, but a case the user may not read is
    /// listed by its number and exemption only: its title is hidden, and a text search never finds it (a hit would
    /// tell what the papers say). Only exempt cases and drafts can be closed to a reader, so only those are checked.
    /// </summary>
    private async Task<Dictionary<Guid, string>> UnreadableAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await UnreadableAsync(db, await actors.CurrentAsync(db), OsloTime.Today(clock), cancellationToken);

    /// <summary>
    /// The cases this reader may not read (<see cref="Actor.MayReadCase"/>), each with what is shown in place of its
    /// title: every list that shows case titles (follow-up, annual report, worklist) asks this.
    /// </summary>
    public static async Task<Dictionary<Guid, string>> UnreadableAsync(AppDbContext db, Actor reader, DateOnly today,
        CancellationToken cancellationToken = default)
    {
        var restricted = await db.Cases.AsNoTracking().Include(c => c.Treatments).Where(c => c.IsExemptFromPublication || c.Year == null).ToListAsync(cancellationToken);
        return restricted.Where(c => !reader.MayReadCase(c, today)).ToDictionary(c => c.Id, HiddenTitle);
    }

    public static string HiddenTitle(Case @case) => @case.Number is null
        ? "Utkast (leses bare av sekretariatet)"
        : $"Unntatt offentlighet, {@case.ExemptionBasis}";

    public async Task<CaseRegisterPage> SearchAsync(CaseFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unreadable = await UnreadableAsync(db, cancellationToken);
        IQueryable<Case> cases = db.Cases.AsNoTracking();
        if (filter.BodyId is { } bodyId) cases = cases.Where(c => c.BodyId == bodyId);
        if (filter.Year is { } year) cases = cases.Where(c => c.Year == year);
        if (filter.Status is { } status) cases = cases.Where(c => EF.Property<string>(c, CaseProjection.Status) == status.ToString());
        if (filter.Type is { } type) cases = cases.Where(c => c.Type == type);
        if (filter.Tag is { } tag) cases = cases.Where(c => (c.Tags & tag) == tag);
        if (filter.Principled is { } principled) cases = cases.Where(c => c.IsPrincipled == principled);
        if (CaseNumber.TryParse(filter.Text, out var numberBody, out var number))
        {
            // A typed case number ("SSU-sak 1/2026", "001/2026", "SAK 001-2026") finds that case, in each body if none was named.
            cases = cases.Where(c => c.Year == number.Year && c.Sequence == number.Sequence);
            if (numberBody is not null)
                cases = cases.Where(c => db.Bodies.Any(b => b.Id == c.BodyId && b.ShortName.ToLower() == numberBody.ToLower()));
        }
        else if (FullText.Words(filter.Text).Count > 0)
        {
            var hits = db.CaseSearchHits(filter.Text);
            var hidden = unreadable.Keys.ToList();
            cases = cases.Where(c => hits.Contains(c.Id) && !hidden.Contains(c.Id));
        }

        var total = await cases.CountAsync(cancellationToken);
        // The orders match the expression indexes in SqlObjects, so the database reads a page without sorting every case.
        // Numbered cases come first, newest number first; drafts follow.
        var ordered = (filter.Sort, filter.Descending) switch
        {
            (CaseSort.Title, false) => cases.OrderBy(c => EF.Functions.Collate(c.Title, db.CaseInsensitiveCollation)),
            (CaseSort.Title, true) => cases.OrderByDescending(c => EF.Functions.Collate(c.Title, db.CaseInsensitiveCollation)),
            (CaseSort.LastEdited, false) => cases.OrderBy(c => c.LastEditedAt),
            (CaseSort.LastEdited, true) => cases.OrderByDescending(c => c.LastEditedAt),
            (_, false) => cases.OrderBy(c => c.Year == null).ThenBy(c => c.Year).ThenBy(c => c.Sequence),
            _ => cases.OrderBy(c => c.Year == null).ThenByDescending(c => c.Year).ThenByDescending(c => c.Sequence),
        };
        var rows = await ordered.ThenBy(c => c.Id)
            .Skip(filter.Page * filter.PageSize).Take(filter.PageSize)
            .Select(c => new
            {
                c.Id, c.Year, c.Sequence, c.Title, c.BodyId, c.Type, c.IsPrincipled, c.Tags, c.LastEditedAt,
                Status = EF.Property<string>(c, CaseProjection.Status),
            })
            .ToListAsync(cancellationToken);

        // Where each case on the page stands comes from its latest treatment: one small query for the page only.
        var ids = rows.Select(r => r.Id).ToList();
        var latest = (await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
                .SelectMany(c => c.Treatments, (c, t) => new { c.Id, t.StartedOn, t.ClosedAt, t.BodyName, t.ForwardedToBodyName })
                .ToListAsync(cancellationToken))
            .GroupBy(t => t.Id)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.StartedOn).ThenByDescending(t => t.ClosedAt ?? DateTimeOffset.MaxValue).First());
        var bodies = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToDictionaryAsync(b => b.Id, b => b.ShortName, cancellationToken);

        return new CaseRegisterPage(rows.Select(r => new CaseRow(r.Id,
            r.Year is { } y && r.Sequence is { } s ? CaseNumber.Display(bodies[r.BodyId], s, y) : "Utkast",
            unreadable.GetValueOrDefault(r.Id, r.Title), bodies[r.BodyId], r.Type, r.IsPrincipled, r.Tags, Enum.Parse<CaseStatus>(r.Status),
            latest.GetValueOrDefault(r.Id)?.BodyName, latest.GetValueOrDefault(r.Id)?.ForwardedToBodyName, r.LastEditedAt)).ToList(), total);
    }

    public async Task<IReadOnlyList<DecisionRow>> DecisionsAsync(Guid? bodyId = null, int? year = null, Outcome? outcome = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        // Every body whose mandate is to decide, so a new deciding body appears here without a change to this list.
        var deciding = (await db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToListAsync())
            .Where(b => b.Mandate == Mandate.Decides).Select(b => b.Id).ToList();
        var treatments = db.Cases.AsNoTracking()
            .SelectMany(c => c.Treatments, (c, t) => new { Case = c, Treatment = t })
            .Where(x => x.Treatment.ClosedAt != null && deciding.Contains(x.Treatment.BodyId));
        if (bodyId is { } b) treatments = treatments.Where(x => x.Treatment.BodyId == b);
        if (year is { } y) treatments = treatments.Where(x => x.Case.Year == y);
        if (outcome is { } o) treatments = treatments.Where(x => EF.Property<string>(x.Treatment, CaseProjection.Outcome) == o.ToString());
        var rows = await treatments
            .OrderByDescending(x => x.Treatment.ClosedAt)
            .Select(x => new
            {
                x.Case.Id, TreatmentId = x.Treatment.Id, x.Case.Year, x.Case.Sequence, x.Case.BodyId, x.Case.Title, x.Case.IsPrincipled, x.Treatment.BodyName,
                Outcome = EF.Property<string>(x.Treatment, CaseProjection.Outcome), x.Treatment.ClosedAt,
            })
            .ToListAsync();
        var numbering = await ShortNamesAsync(db);
        var unreadable = await UnreadableAsync(db, default);
        return rows.Select(r => new DecisionRow(r.Id, r.TreatmentId, CaseNumber.Display(numbering[r.BodyId], r.Sequence!.Value, r.Year!.Value), unreadable.GetValueOrDefault(r.Id, r.Title),
            r.BodyName, Enum.Parse<Outcome>(r.Outcome), r.ClosedAt!.Value, r.IsPrincipled)).ToList();
    }

    /// <summary>Cases in an open treatment of a preparing or advising body: what AU and the fagutvalg have waiting.</summary>
    public async Task<IReadOnlyList<QueueRow>> AwaitingPreparationAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.Cases.AsNoTracking()
            .SelectMany(c => c.Treatments, (c, t) => new { Case = c, Treatment = t })
            .Where(x => x.Treatment.ClosedAt == null && x.Treatment.Mandate != Mandate.Decides)
            .OrderBy(x => x.Treatment.StartedOn)
            .Select(x => new { x.Case.Id, x.Case.Year, x.Case.Sequence, x.Case.BodyId, x.Case.Title, x.Treatment.BodyName, x.Treatment.StartedOn, x.Case.IsPrincipled })
            .ToListAsync();
        var numbering = await ShortNamesAsync(db);
        var unreadable = await UnreadableAsync(db, default);
        return rows.Select(r => new QueueRow(r.Id, CaseNumber.Display(numbering[r.BodyId], r.Sequence!.Value, r.Year!.Value), unreadable.GetValueOrDefault(r.Id, r.Title), r.BodyName, r.StartedOn, r.IsPrincipled)).ToList();
    }

    /// <summary>Cases whose recommendation or advice has been put forward to a deciding body: ready for its agenda.</summary>
    public async Task<IReadOnlyList<QueueRow>> ReadyForAgendaAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.Cases.AsNoTracking()
            .Where(c => EF.Property<Guid?>(c, CaseProjection.ReadyForBodyId) != null)
            .Select(c => new
            {
                c.Id, c.Year, c.Sequence, c.BodyId, c.Title, c.IsPrincipled,
                Body = db.Bodies.Where(b => b.Id == EF.Property<Guid?>(c, CaseProjection.ReadyForBodyId)).Select(b => b.ShortName).First(),
                Since = c.Treatments.Max(t => t.ClosedAt),
            })
            .ToListAsync();
        var numbering = await ShortNamesAsync(db);
        var unreadable = await UnreadableAsync(db, default);
        return rows.OrderBy(r => r.Body).ThenBy(r => r.Since)
            .Select(r => new QueueRow(r.Id, CaseNumber.Display(numbering[r.BodyId], r.Sequence!.Value, r.Year!.Value), unreadable.GetValueOrDefault(r.Id, r.Title), r.Body,
                DateOnly.FromDateTime(r.Since!.Value.ToOslo().DateTime), r.IsPrincipled)).ToList();
    }

    /// <summary>Each body's short name, which goes with every case number shown.</summary>
    public static Task<Dictionary<Guid, string>> ShortNamesAsync(AppDbContext db) =>
        db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToDictionaryAsync(b => b.Id, b => b.ShortName);

    /// <summary>A case's number with its body ("SSU-sak 001/2026"), or "Utkast" before it is registered.</summary>
    public static string NumberText(Case @case, IReadOnlyDictionary<Guid, string> shortNames) =>
        @case.Number?.In(shortNames[@case.BodyId]) ?? "Utkast";

    public async Task<Guid?> FindByNumberAsync(string bodyShortName, int year, int sequence)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Cases.AsNoTracking()
            .Where(c => c.Year == year && c.Sequence == sequence &&
                db.Bodies.Any(b => b.Id == c.BodyId && b.ShortName.ToLower() == bodyShortName.ToLower()))
            .Select(c => (Guid?)c.Id).SingleOrDefaultAsync();
    }

    public async Task<IReadOnlyDictionary<CaseStatus, int>> CountByStatusAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var counts = await db.Cases.AsNoTracking()
            .GroupBy(c => EF.Property<string>(c, CaseProjection.Status))
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync();
        return counts.ToDictionary(c => Enum.Parse<CaseStatus>(c.Status), c => c.Count);
    }

    public async Task<(IReadOnlyList<(Guid Id, string ShortName, string Name)> Bodies, IReadOnlyList<int> Years)> FilterChoicesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var bodies = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().OrderBy(b => b.Kind)
            .Select(b => new { b.Id, b.ShortName, b.Name }).ToListAsync();
        var years = await db.Cases.AsNoTracking().Where(c => c.Year != null)
            .Select(c => c.Year!.Value).Distinct().OrderByDescending(y => y).ToListAsync();
        return (bodies.Select(b => (b.Id, b.ShortName, b.Name)).ToList(), years);
    }
}
