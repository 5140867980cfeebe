using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.FollowUp;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.AnnualReport;

/// <summary>One closed treatment of the year in the report's list of decisions.</summary>
public sealed record ReportDecision(Guid CaseId, Guid TreatmentId, string Number, string Title, DateOnly MeetingDate,
    Outcome Outcome, bool IsPrincipled)
{
    /// <summary>The wording the body closed on, as Markdown.</summary>
    public string Wording { get; init; } = "";
}

public sealed record Count<T>(T Key, int Value);

/// <summary>How far the follow-up of the year's decisions has come; overdue actions are also counted among the open.</summary>
public sealed record FollowUpFigures(int NotStarted, int InProgress, int Completed, int Cancelled, int Overdue)
{
    public int Total => NotStarted + InProgress + Completed + Cancelled;
}

/// <summary>
/// The annual report (årsrapport) of one body for one year. "Decided" treatments are those where the parties took
/// positions: closed, not an information case taken for information, not sent back by a preparing body.
/// </summary>
public sealed record AnnualReportData(int Year, string BodyName, string BodyShortName, int MeetingsHeld, int CasesTreated,
    IReadOnlyList<Count<Outcome>> DecisionsByOutcome, int DecidedCount, double? ConsensusRate, double? MedianDaysToDecision,
    int DecisionsPendingRatification, IReadOnlyList<Count<RatificationStatus>> Ratifications, FollowUpFigures FollowUp,
    IReadOnlyList<ReportDecision> Decisions, string PartnershipName)
{
    public int RatificationItems => Ratifications.Sum(r => r.Value);
}

public sealed record ReportBody(Guid Id, string ShortName, string Name);

/// <summary>Computes the annual report's figures from the cases, meetings and actions, using the domain's own outcome.</summary>
public sealed class AnnualReportQueries(IDbContextFactory<AppDbContext> dbFactory, Helsefellesskap.App.Features.Access.Actors actors, TimeProvider clock)
{
    /// <summary>The bodies in <see cref="Body.Rank"/> order, the one the report opens on (<see cref="Body.DefaultDeciding"/>) first.</summary>
    public async Task<IReadOnlyList<ReportBody>> BodiesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return (await db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToListAsync())
            .OrderBy(b => Body.Rank(b.Kind))
            .Select(b => new ReportBody(b.Id, b.ShortName, b.Name)).ToList();
    }

    /// <summary>
    /// The report as its reader may see it: a case the reader may not read is listed by number and legal basis only,
    /// without its wording (the figures count it all the same).
    /// </summary>
    /// <param name="readerUserId">Who reads, for the downloads that run outside a circuit; otherwise the signed-in user.</param>
    public async Task<AnnualReportData?> BuildAsync(string bodyShortName, int year, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default, string? readerUserId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reader = readerUserId is null ? await actors.CurrentAsync(db) : await Helsefellesskap.App.Features.Access.Actors.LoadAsync(db, readerUserId, clock);
        var body = (await db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToListAsync(cancellationToken))
            .SingleOrDefault(b => string.Equals(b.ShortName, bodyShortName, StringComparison.OrdinalIgnoreCase));
        if (body is null) return null;
        var start = OsloTime.At(new DateOnly(year, 1, 1), 0);
        var end = OsloTime.At(new DateOnly(year + 1, 1, 1), 0);

        progress?.Report("Teller møtene");
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.BodyId == body.Id && m.StartsAt >= start && m.StartsAt < end)
            .ToListAsync(cancellationToken);
        var held = meetings.Count(m => m.Status is MeetingStatus.Closed or MeetingStatus.MinutesApproved);

        progress?.Report("Henter sakene og vedtakene");
        var cases = await db.Cases.AsNoTracking().WithRecord()
            .Where(c => c.Treatments.Any(t => t.BodyId == body.Id && t.ClosedAt >= start && t.ClosedAt < end))
            .ToListAsync(cancellationToken);
        var treatments = cases
            .SelectMany(c => c.Treatments.Where(t => t.BodyId == body.Id && t.ClosedAt >= start && t.ClosedAt < end), (c, t) => (Case: c, Treatment: t))
            .OrderBy(x => x.Treatment.ClosedAt).ThenBy(x => x.Case.Sequence)
            .ToList();
        var meetingDays = await db.Meetings.AsNoTracking()
            .Where(m => treatments.Select(x => x.Treatment.MeetingId).Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => DateOnly.FromDateTime(m.StartsAt.ToOslo().DateTime), cancellationToken);

        progress?.Report("Regner ut konsensus og behandlingstid");
        var decided = treatments.Where(x => x.Treatment.Outcome is not (Outcome.Noted or Outcome.SentBack)).ToList();
        double? consensusRate = decided.Count == 0 ? null
            : decided.Count(x => x.Treatment.Outcome != Outcome.NoConsensus) / (double)decided.Count;
        var days = decided.Select(x => (double)(Day(x.Treatment.ClosedAt!.Value).DayNumber - Day(x.Case.CreatedAt).DayNumber)).ToList();

        var pending = treatments.Where(x => x.Treatment.Ratifications.Count > 0).ToList();
        var ratifications = pending.SelectMany(x => x.Treatment.Ratifications).GroupBy(r => r.Status)
            .OrderBy(g => g.Key).Select(g => new Count<RatificationStatus>(g.Key, g.Count())).ToList();

        progress?.Report("Henter oppfølgingen");
        var treatmentIds = treatments.Select(x => x.Treatment.Id).ToList();
        var actions = await db.FollowUpActions.AsNoTracking().Where(a => treatmentIds.Contains(a.TreatmentId)).ToListAsync(cancellationToken);
        var today = OsloTime.Today(clock);
        var followUp = new FollowUpFigures(
            actions.Count(a => a.Status == FollowUpStatus.NotStarted), actions.Count(a => a.Status == FollowUpStatus.InProgress),
            actions.Count(a => a.Status == FollowUpStatus.Completed), actions.Count(a => a.Status == FollowUpStatus.Cancelled),
            actions.Count(a => a.IsOverdue(today)));

        var numbering = await CaseRegister.ShortNamesAsync(db);
        var unreadable = await CaseRegister.UnreadableAsync(db, reader, today, cancellationToken);
        var decisions = treatments.Select(x => new ReportDecision(x.Case.Id, x.Treatment.Id, CaseRegister.NumberText(x.Case, numbering),
            unreadable.GetValueOrDefault(x.Case.Id, x.Case.Title), x.Treatment.MeetingId is { } m && meetingDays.TryGetValue(m, out var day) ? day : x.Treatment.StartedOn,
            x.Treatment.Outcome, x.Case.IsPrincipled) { Wording = unreadable.ContainsKey(x.Case.Id) ? "" : x.Treatment.CurrentWording.Text }).ToList();
        var byOutcome = treatments.GroupBy(x => x.Treatment.Outcome).OrderBy(g => OutcomeOrder(g.Key))
            .Select(g => new Count<Outcome>(g.Key, g.Count())).ToList();

        return new AnnualReportData(year, body.Name, body.ShortName, held, cases.Count, byOutcome, decided.Count, consensusRate,
            Median(days), pending.Count, ratifications, followUp, decisions,
            await db.Partnerships.Where(p => p.Id == body.PartnershipId).Select(p => p.Name).SingleAsync(cancellationToken));
    }

    private static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOslo().DateTime);

    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The order the report lists outcomes in: what binds first.</summary>
    public static int OutcomeOrder(Outcome outcome) => outcome switch
    {
        Outcome.Binding => 0,
        Outcome.AdoptedPendingRatification => 1,
        Outcome.NotAdopted => 2,
        Outcome.NoConsensus => 3,
        Outcome.Recommendation => 4,
        Outcome.Advice => 5,
        Outcome.SentBack => 6,
        _ => 7,
    };
}
