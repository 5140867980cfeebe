using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Domain.Steering;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Steering;

/// <summary>One health region's figures for a year; a missing figure is null.</summary>
public sealed record RegionFigures(Guid RegionId, string Region, IReadOnlyDictionary<SteeringIndicator, int?> Values)
{
    /// <summary>"Gjøvik og Hadeland" for "Helseregion Gjøvik og Hadeland": short enough for a chart's axis.</summary>
    public string ShortName => Region.StartsWith("Helseregion ", StringComparison.Ordinal) ? Region["Helseregion ".Length..] : Region;
}

/// <summary>The figures of one year for every region, and the years there are figures for.</summary>
public sealed record SteeringTable(int Year, IReadOnlyList<int> Years, IReadOnlyList<RegionFigures> Regions)
{
    /// <summary>Summed in long: a total must never be what takes the page down, whatever the figures.</summary>
    public long? Total(SteeringIndicator indicator) =>
        Regions.All(r => r.Values[indicator] is null) ? null : Regions.Sum(r => (long)(r.Values[indicator] ?? 0));
}

/// <summary>What the secretariat typed in one cell of the table: kept as typed, so a refusal loses nothing.</summary>
public sealed record FigureInput(Guid RegionId, SteeringIndicator Indicator, string? Typed);

/// <summary>The indicators of a year a case rests on, with the figures as they are now.</summary>
public sealed record CaseFigures(int Year, IReadOnlyList<SteeringIndicator> Indicators, SteeringTable Table);

/// <summary>
/// The steering figures (styringsdata): everyone signed in reads them; the secretariat edits them and links a case
/// to the figures it rests on.
/// </summary>
public sealed class SteeringData(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, Actors actors, TimeProvider clock)
{
    public static readonly SteeringIndicator[] Indicators = Enum.GetValues<SteeringIndicator>();
    private static readonly StringComparer ByName = StringComparer.Create(Norwegian.Culture, false);

    private DateOnly Today => OsloTime.Today(clock);

    /// <summary>The figures of <paramref name="year"/>, or of the latest year there are figures for.</summary>
    public async Task<SteeringTable> TableAsync(int? year = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await TableAsync(db, year);
    }

    private async Task<SteeringTable> TableAsync(AppDbContext db, int? year)
    {
        var years = await db.SteeringFigures.AsNoTracking().Select(f => f.Year).Distinct().OrderByDescending(y => y).ToListAsync();
        var shown = year ?? (years.Count > 0 ? years[0] : Today.Year);
        var regions = await db.Parties.AsNoTracking().Where(p => p.Kind == PartyKind.HealthRegion).ToListAsync();
        var figures = await db.SteeringFigures.AsNoTracking().Where(f => f.Year == shown).ToListAsync();
        var rows = regions.OrderBy(r => r.Name, ByName).Select(r => new RegionFigures(r.Id, r.Name,
            Indicators.ToDictionary(i => i, i => figures.SingleOrDefault(f => f.RegionId == r.Id && f.Indicator == i)?.Value))).ToList();
        return new SteeringTable(shown, years, rows);
    }

    /// <summary>
    /// Saves a year's figures as typed. Every cell is checked first; if any is not a whole number of zero or more,
    /// nothing is saved and each refused cell gets its Norwegian message. A blank cell without a figure stays without one.
    /// </summary>
    public Task<IReadOnlyDictionary<(Guid RegionId, SteeringIndicator Indicator), string>> SaveAsync(int year, IReadOnlyList<FigureInput> inputs) =>
        gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var actor = await actors.CurrentAsync(db);
            actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
            actor.MustEditSteeringFigures(Today);
            DomainException.ThrowIf(year is < 2000 or > 2100, "Året må være mellom 2000 og 2100.");
            var regions = await db.Parties.Where(p => p.Kind == PartyKind.HealthRegion).ToDictionaryAsync(p => p.Id);
            var existing = await db.SteeringFigures.Where(f => f.Year == year).ToListAsync();
            var errors = new Dictionary<(Guid, SteeringIndicator), string>();
            var values = new Dictionary<(Guid, SteeringIndicator), int>();
            foreach (var input in inputs)
            {
                var region = regions.GetValueOrDefault(input.RegionId) ?? throw new DomainException("Helseregionen finnes ikke.");
                // A blank cell of a new year is a figure not yet known; a figure once given is corrected, never blanked.
                if (string.IsNullOrWhiteSpace(input.Typed) && !existing.Any(f => f.RegionId == input.RegionId && f.Indicator == input.Indicator))
                    continue;
                var value = SteeringFigure.ReadCount(input.Typed, $"{input.Indicator.Label().ToLowerInvariant()} i {region.Name}", out var problem);
                if (problem is null) values[(input.RegionId, input.Indicator)] = value;
                else errors[(input.RegionId, input.Indicator)] = problem;
            }
            if (errors.Count > 0) return (IReadOnlyDictionary<(Guid, SteeringIndicator), string>)errors;

            foreach (var ((regionId, indicator), value) in values)
            {
                var figure = existing.SingleOrDefault(f => f.RegionId == regionId && f.Indicator == indicator);
                if (figure is null) db.SteeringFigures.Add(new SteeringFigure(regions[regionId], indicator, year, value));
                else if (figure.Value != value) figure.Revise(value);
            }
            db.AuditAction = $"Styringstall for {year} lagret";
            await db.SaveChangesAsync();
            return errors;
        });

    public async Task<CaseFigures?> ForCaseAsync(Guid caseId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var links = await db.CaseSteeringLinks.AsNoTracking().Where(l => l.CaseId == caseId).ToListAsync();
        if (links.Count == 0) return null;
        var year = links.Max(l => l.Year);
        return new CaseFigures(year, links.Where(l => l.Year == year).Select(l => l.Indicator).Order().ToList(), await TableAsync(db, year));
    }

    /// <summary>The secretariat chooses which indicators of a year the case rests on; none removes the link.</summary>
    public Task LinkCaseAsync(Guid caseId, int year, IReadOnlyCollection<SteeringIndicator> indicators) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
        actor.MustLinkSteeringFigures(Today);
        DomainException.ThrowIf(!await db.Cases.AnyAsync(c => c.Id == caseId), "Saken finnes ikke.");
        DomainException.ThrowIf(indicators.Count > 0 && !await db.SteeringFigures.AnyAsync(f => f.Year == year),
            $"Det finnes ingen styringstall for {year}.");
        var current = await db.CaseSteeringLinks.Where(l => l.CaseId == caseId).ToListAsync();
        db.CaseSteeringLinks.RemoveRange(current.Where(l => l.Year != year || !indicators.Contains(l.Indicator)));
        foreach (var indicator in indicators.Distinct().Where(i => !current.Any(l => l.Year == year && l.Indicator == i)))
            db.CaseSteeringLinks.Add(new CaseSteeringLink(caseId, indicator, year));
        db.AuditAction = "Styringstall knyttet til saken";
        await db.SaveChangesAsync();
        return true;
    });
}
