using System.Diagnostics;
using Helsefellesskap.App;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace RegisterBench;

public sealed record GenerationResult(int Cases, int RareWordCases, TimeSpan Elapsed);

/// <summary>
/// Adds many cases to a migrated and seeded demo database, through the domain objects and EF, as the app would
/// have written them over the years 2021–2026: drafts, registered cases, cases prepared by AU and decided in
/// SSU, cases without consensus, principled cases in local ratification, information cases taken for
/// information, and cases for the partnership meeting. It writes with <see cref="AppDbContext"/> directly, so no
/// signed-in user's rights are checked; the context still projects status and search text on every save.
/// Deterministic for a seed (the texts, dates and paths; the ids are the domain's own version 7 GUIDs).
/// </summary>
public sealed class CaseGenerator(IDbContextFactory<AppDbContext> dbFactory, int seed = 2026)
{
    /// <summary>The demo data's "now": no treatment or ratification is dated after it.</summary>
    private static readonly DateOnly Today = new(2026, 11, 22);

    /// <summary>The terms before the demo's 2026–2027 one, so treatments in 2021–2025 find members.</summary>
    private static readonly Term EarlierTerm = new(new DateOnly(2020, 1, 1), new DateOnly(2025, 12, 31));

    private readonly Random random = new(seed);
    private Guid partnershipId;
    private Body ssu = null!, au = null!, pm = null!;
    private Dictionary<Guid, Party> parties = null!;
    private Guid[] authors = null!;

    private enum CasePath
    {
        Draft, Registered, PreparingInWorkingCommittee, SentBackByWorkingCommittee, Recommended,
        UnderTreatment, NoConsensus, Decided, Noted,
    }

    private sealed record CasePlan(Body Body, int Year, DateOnly CreatedOn, CaseType Type, bool IsPrincipled,
        CaseTag Tags, CasePath Path, bool ViaWorkingCommittee, bool WithRareWord);

    public async Task<GenerationResult> GenerateAsync(int count, int batchSize, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        await AddEarlierSeatsAsync();
        await LoadReferenceDataAsync();

        var plans = Plan(count);
        for (var start = 0; start < plans.Count; start += batchSize)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            // A bulk save by the system, not a user's command: the audit trail counts it in one record.
            db.SkipAudit = true;
            // The context's own save hook detects changes once; enumerating entries must not do it again per entry.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var series = await db.CaseNumberSeries.ToDictionaryAsync(s => (s.BodyId, s.Year));
            foreach (var plan in plans.Skip(start).Take(batchSize))
                db.Cases.Add(Build(plan, db, series));
            await db.SaveChangesAsync();
            var done = Math.Min(start + batchSize, plans.Count);
            if (done % 2_000 < batchSize || done == plans.Count)
                log($"  {done,6:N0} cases  {clock.Elapsed.TotalSeconds,6:F1} s");
        }
        return new GenerationResult(plans.Count, plans.Count(p => p.WithRareWord), clock.Elapsed);
    }

    /// <summary>
    /// The demo seeds SSU, AU and the partnership meeting for 2026–2027 (and SSU's chair and deputy for 2024–2025).
    /// Each chair, deputy and member seat is given to the same person for 2020–2025 too, or as much of it as
    /// the body's earlier chair or deputy leaves free.
    /// </summary>
    private async Task AddEarlierSeatsAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var people = await db.People.ToDictionaryAsync(p => p.Id);
        var partyById = await db.Parties.ToDictionaryAsync(p => p.Id);
        foreach (var body in await db.Bodies.Where(b => b.ShortName == "SSU" || b.ShortName == "AU" || b.ShortName == "PM").ToListAsync())
        {
            var current = body.Seats
                .Where(s => s.MakesPartyRequired && s.From == new DateOnly(2026, 1, 1))
                .OrderBy(s => s.Role).ThenBy(s => people[s.PersonId].Name, StringComparer.Ordinal).ToList();
            foreach (var seat in current)
            {
                var term = EarlierTerm;
                if (seat.Role is SeatRole.Chair or SeatRole.DeputyChair &&
                    body.Seats.Where(s => s.Role == seat.Role && s.Term.Overlaps(term)).MinBy(s => s.From) is { } earlier)
                    term = new Term(term.From, earlier.From.AddDays(-1));
                body.AddSeat(people[seat.PersonId], seat.Role, term, partyById[seat.PartyId!.Value]);
            }
        }
        await db.SaveChangesAsync();
    }

    private async Task LoadReferenceDataAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var bodies = await db.Bodies.AsNoTracking().ToListAsync();
        ssu = bodies.Single(b => b.ShortName == "SSU");
        au = bodies.Single(b => b.ShortName == "AU");
        pm = bodies.Single(b => b.ShortName == "PM");
        partnershipId = ssu.PartnershipId;
        parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id);
        // The secretariat writes the cases: the municipal adviser and the hospital's collaboration lead.
        var secretariat = ssu.Seats.Where(s => s.Role == SeatRole.Secretariat).Select(s => s.PersonId).ToHashSet();
        authors = await db.People.AsNoTracking().Where(p => secretariat.Contains(p.Id))
            .OrderBy(p => p.Name).Select(p => p.Id).ToArrayAsync();
    }

    /// <summary>What each case will be, in the order the secretariat created them, so numbers follow dates.</summary>
    private List<CasePlan> Plan(int count)
    {
        var rare = new HashSet<int>();
        var rareCount = Math.Max(1, (int)Math.Round(count / 1_000.0));
        while (rare.Count < rareCount) rare.Add(random.Next(count));

        var plans = new List<CasePlan>(count);
        for (var i = 0; i < count; i++)
        {
            var year = Weighted((2021, 13), (2022, 15), (2023, 16), (2024, 17), (2025, 19), (2026, 20));
            var body = random.Next(100) < 85 ? ssu : pm;
            var type = Weighted((CaseType.Decision, 65), (CaseType.Discussion, 17), (CaseType.Information, 18));
            var principled = type == CaseType.Decision && random.Next(100) < 8;
            var tags = CaseTag.None;
            for (var n = Weighted((0, 25), (1, 40), (2, 25), (3, 10)); n > 0; n--)
                tags |= CaseTags.All[random.Next(CaseTags.All.Count)];
            // Cases of 2026 are created by mid-September, so their treatments are over by the demo's today.
            var lastDay = year == 2026 ? 257 : 334;
            var createdOn = new DateOnly(year, 1, 1).AddDays(random.Next(lastDay));
            var path = random.Next(100) < 10 ? CasePath.Draft : PathFor(body, type, year);
            var viaAu = body == ssu && type != CaseType.Information && random.Next(100) < 70;
            if (path is CasePath.PreparingInWorkingCommittee or CasePath.SentBackByWorkingCommittee or CasePath.Recommended)
                viaAu = true;
            plans.Add(new CasePlan(body, year, createdOn, type, principled, tags, path, viaAu, rare.Contains(i)));
        }
        return plans.OrderBy(p => p.CreatedOn).ToList();
    }

    private CasePath PathFor(Body body, CaseType type, int year)
    {
        var recent = year == 2026;
        if (type == CaseType.Information)
            return random.Next(100) < (recent ? 15 : 2) ? CasePath.Registered : CasePath.Noted;
        if (body == pm)
            return Weighted((CasePath.Registered, recent ? 10 : 1), (CasePath.NoConsensus, 7), (CasePath.Decided, 85));
        return recent
            ? Weighted((CasePath.Registered, 10), (CasePath.PreparingInWorkingCommittee, 8), (CasePath.SentBackByWorkingCommittee, 3),
                (CasePath.Recommended, 10), (CasePath.UnderTreatment, 4), (CasePath.NoConsensus, 8), (CasePath.Decided, 57))
            : Weighted((CasePath.Registered, 1), (CasePath.SentBackByWorkingCommittee, 4), (CasePath.Recommended, 1),
                (CasePath.NoConsensus, 9), (CasePath.Decided, 85));
    }

    private Case Build(CasePlan plan, AppDbContext db, Dictionary<(Guid, int), CaseNumberSeries> series)
    {
        var author = authors[random.Next(authors.Length)];
        var text = CaseTexts.Build(random, plan.Body.Name, plan.Type, plan.Year, plan.WithRareWord);
        var created = OsloTime.At(plan.CreatedOn, 8 + random.Next(8), random.Next(60));
        var c = new Case(partnershipId, plan.Body, text.Title, plan.Type, plan.IsPrincipled, plan.Tags,
            text.Background, text.Assessment, text.Proposal, author, created);
        if (plan.Path == CasePath.Draft) return c;

        if (!series.TryGetValue((plan.Body.Id, plan.Year), out var numbers))
        {
            series[(plan.Body.Id, plan.Year)] = numbers = new CaseNumberSeries(plan.Body.Id, plan.Year);
            db.CaseNumberSeries.Add(numbers);
        }
        c.Register(numbers);
        if (plan.Path == CasePath.Registered) return c;

        var day = plan.CreatedOn.AddDays(random.Next(7, 21));
        if (plan.ViaWorkingCommittee)
        {
            switch (plan.Path)
            {
                case CasePath.PreparingInWorkingCommittee:
                    // The hospital has agreed; the municipalities have not spoken yet.
                    Treat(c, au, day, author, id => parties[id].Kind == PartyKind.HospitalTrust ? (PositionKind.Agree, null) : null, close: false);
                    return c;
                case CasePath.SentBackByWorkingCommittee:
                    var preparing = Treat(c, au, day, author, _ => null, close: false);
                    c.SendBack(preparing.Id, CaseTexts.SentBackComment(random), OsloTime.At(day, 10));
                    return c;
                default:
                    Treat(c, au, day, author, _ => (PositionKind.Agree, null), close: true, forwardTo: ssu);
                    if (plan.Path == CasePath.Recommended) return c;
                    break;
            }
            day = day.AddDays(random.Next(14, 36));
        }

        var deciding = plan.Body;
        switch (plan.Path)
        {
            case CasePath.Noted:
                Treat(c, deciding, day, author, _ => null, close: true);
                break;
            case CasePath.UnderTreatment:
                Treat(c, deciding, day, author, _ => random.Next(3) == 0 ? null : Agreement(), close: false);
                break;
            case CasePath.NoConsensus:
                var dissenter = Dissenter(deciding, day);
                Treat(c, deciding, day, author, id => id == dissenter ? (PositionKind.Disagree, CaseTexts.Disagreement(random)) : Agreement(),
                    close: true, next: deciding == ssu ? NextStep.BackToWorkingCommittee : NextStep.LaterMeeting);
                break;
            default:
                var decision = Treat(c, deciding, day, author, _ => Agreement(), close: true);
                if (c.IsPrincipled) Ratify(c, decision, day);
                break;
        }
        return c;
    }

    private (PositionKind, string?) Agreement() =>
        random.Next(100) < 10 ? (PositionKind.AgreeWithRemark, CaseTexts.Remark(random)) : (PositionKind.Agree, null);

    /// <summary>A municipal party that disagrees: a health region in SSU, a municipality in the partnership meeting.</summary>
    private Guid Dissenter(Body body, DateOnly day)
    {
        var candidates = body.PartiesThatMustAgree(day)
            .Where(id => parties[id].Kind != PartyKind.HospitalTrust)
            .OrderBy(id => parties[id].Name, StringComparer.Ordinal).ToList();
        return candidates[random.Next(candidates.Count)];
    }

    private Treatment Treat(Case c, Body body, DateOnly day, Guid author, Func<Guid, (PositionKind Kind, string? Text)?> positionOf,
        bool close, NextStep? next = null, Body? forwardTo = null)
    {
        var start = OsloTime.At(day, 9);
        var treatment = c.StartTreatment(body, day, author, start);
        if (c.Type != CaseType.Information)
        {
            var minute = 0;
            foreach (var partyId in treatment.RequiredParties.OrderBy(id => parties[id].Name, StringComparer.Ordinal))
            {
                if (positionOf(partyId) is not { } position) continue;
                var seat = body.SeatsOn(day).First(s => s.PartyId == partyId && s.MayHoldPosition);
                c.RegisterPosition(treatment.Id, parties[partyId], treatment.CurrentWording.Version, position.Kind, position.Text,
                    seat.PersonId, false, start.AddMinutes(20 + minute++));
            }
        }
        if (close) c.CloseTreatment(treatment.Id, start.AddMinutes(45), next, parties.Values, forwardTo,
            next == NextStep.BackToWorkingCommittee ? au : null);
        return treatment;
    }

    /// <summary>
    /// Local ratification of a principled decision: older ones are done (now and then one partner rejected it),
    /// recent ones are under way, and none is recorded after the demo's today.
    /// </summary>
    private void Ratify(Case c, Treatment decision, DateOnly decidedOn)
    {
        var items = decision.Ratifications.OrderBy(r => parties[r.PartyId].Name, StringComparer.Ordinal).ToList();
        var finished = decidedOn.Year <= 2024 || (decidedOn.Year == 2025 && random.Next(100) < 60);
        var rejectedBy = finished && random.Next(100) < 10 ? random.Next(items.Count) : -1;
        for (var i = 0; i < items.Count; i++)
        {
            var treatedOn = decidedOn.AddDays(random.Next(20, 150));
            var status = i == rejectedBy ? RatificationStatus.Rejected
                : finished ? RatificationStatus.Ratified
                : Weighted((RatificationStatus.Ratified, 50), (RatificationStatus.UnderTreatment, 20), (RatificationStatus.Sent, 30));
            if (treatedOn > Today)
            {
                if (finished) treatedOn = Today.AddDays(-1);
                else status = RatificationStatus.Sent;
            }
            var decided = status is RatificationStatus.Ratified or RatificationStatus.Rejected;
            c.RecordRatification(decision.Id, parties[items[i].PartyId],
                new RatificationEntry(status, decided ? "Kommunestyret" : null,
                    decided ? $"PS {random.Next(1, 120)}/{treatedOn.Year % 100:00}" : null, decided ? treatedOn : null),
                authors[0], OsloTime.At(decided ? treatedOn : decidedOn.AddDays(3), 12));
        }
    }

    private T Weighted<T>(params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        throw new UnreachableException();
    }
}
