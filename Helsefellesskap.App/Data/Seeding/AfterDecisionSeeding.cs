using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Domain.Steering;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data.Seeding;

/// <summary>
/// What follows the decisions in the demo: the steering figures of innlandet.csv, a second decision pending
/// ratification by a few parties, and a municipality's own user who may record its council's ratification.
/// </summary>
public static class AfterDecisionSeeding
{
    /// <summary>The year the demo's steering figures are given for; the source (FHI, in the partnership's own slides) names none.</summary>
    public const int FigureYear = 2025;

    public const string ReservedDecisionTitle = "Felles rutine for oppfølging av hjemmeboende med hjertesvikt";

    /// <summary>The demo's record of one municipality's (or the hospital's) treatment of the COPD pathway.</summary>
    public static RatificationEntry CopdRatification(Party party, RatificationStatus status, int number) => status switch
    {
        RatificationStatus.Ratified => new(status, LocalBodyOf(party), $"PS {10 + number}/26",
            new DateOnly(2026, 5, 1).AddDays(number), Deadline: new DateOnly(2026, 10, 1)),
        // Those still treating it were given until 1 October: they are late now.
        RatificationStatus.UnderTreatment => new(status, LocalBodyOf(party), Deadline: new DateOnly(2026, 10, 1)),
        _ => new(status, Deadline: new DateOnly(2026, 12, 15), Comment: "Sendt på nytt etter valg av nytt kommunestyre."),
    };

    public static string LocalBodyOf(Party party) =>
        party.Kind == PartyKind.HospitalTrust ? $"Styret i {party.Name}" : "Kommunestyret";

    public static async Task SeedAsync(AppDbContext db)
    {
        var parties = await db.Parties.ToListAsync();
        var regions = parties.Where(p => p.Kind == PartyKind.HealthRegion).ToDictionary(p => p.Name);
        SeedSteeringFigures(db, regions);
        await SeedReservedDecisionAsync(db, parties);

        // Gran's chief executive may record Gran's own ratifications.
        var gran = parties.Single(p => p.Name == "Gran");
        var granUser = await db.Users.SingleAsync(u => u.UserName == "kd.gran");
        db.RatificationGrants.Add(new RatificationGrant(granUser.PersonId!.Value, gran, null, OsloTime.At(new DateOnly(2026, 6, 1), 12)));
        await db.SaveChangesAsync();
    }

    private static void SeedSteeringFigures(AppDbContext db, Dictionary<string, Party> regions)
    {
        foreach (var row in InnlandetCsv.Read())
        {
            var region = regions["Helseregion " + row.Region];
            db.SteeringFigures.Add(new SteeringFigure(region, SteeringIndicator.CopdPatients, FigureYear, row.CopdPatients));
            db.SteeringFigures.Add(new SteeringFigure(region, SteeringIndicator.InpatientStays, FigureYear, row.InpatientStays));
            db.SteeringFigures.Add(new SteeringFigure(region, SteeringIndicator.OutpatientContacts, FigureYear, row.OutpatientContacts));
        }
    }

    /// <summary>
    /// Not principled, but the hospital and Nord-Østerdal agreed subject to local ratification: the hospital's board
    /// and Nord-Østerdal's six councils must ratify it; five have.
    /// </summary>
    private static async Task SeedReservedDecisionAsync(AppDbContext db, List<Party> parties)
    {
        var ssu = await db.Bodies.SingleAsync(b => b.ShortName == "SSU");
        var copd = await db.Cases.WithRecord().SingleAsync(c => c.Title == "Pasientforløp for personer med kols i Innlandet");
        db.CaseSteeringLinks.Add(new CaseSteeringLink(copd.Id, SteeringIndicator.CopdPatients, FigureYear));
        db.CaseSteeringLinks.Add(new CaseSteeringLink(copd.Id, SteeringIndicator.InpatientStays, FigureYear));

        var secretary = copd.ResponsibleOfficerId;
        var day = new DateOnly(2026, 9, 16);
        var at = OsloTime.At(day, 10);
        var series = await db.CaseNumberSeries.SingleAsync(s => s.BodyId == ssu.Id && s.Year == 2026);
        var c = new Domain.Cases.Case(ssu.PartnershipId, ssu, ReservedDecisionTitle, CaseType.Decision, false,
            CaseTag.SeveralChronicConditions | CaseTag.FrailElderly,
            "Pasienter med hjertesvikt som bor hjemme, blir ofte innlagt på nytt kort tid etter utskrivning.",
            "En felles rutine gir faste kontroller i kommunen og en direkte linje til sykehusets hjertesviktpoliklinikk.",
            "Strategisk samarbeidsutvalg vedtar felles rutine for oppfølging av hjemmeboende med hjertesvikt.", secretary, at);
        c.Register(series);
        db.Cases.Add(c);
        var t = c.StartTreatment(ssu, day, secretary, at);
        var hospital = parties.Single(p => p.Kind == PartyKind.HospitalTrust);
        var northEast = parties.Single(p => p.Name == "Helseregion Nord-Østerdal");
        var minute = 0;
        foreach (var partyId in t.RequiredParties.Order())
        {
            var kind = partyId == hospital.Id || partyId == northEast.Id ? PositionKind.AgreeSubjectToRatification : PositionKind.Agree;
            var seat = ssu.SeatsOn(day).First(s => s.PartyId == partyId && s.MayHoldPosition);
            c.RegisterPosition(t.Id, parties.Single(p => p.Id == partyId), 1, kind, null, seat.PersonId, false, at.AddMinutes(++minute));
        }
        c.CloseTreatment(t.Id, at.AddMinutes(30), null, parties);

        var waiting = new[] { hospital.Id, parties.Single(p => p.Name == "Tolga").Id };
        foreach (var item in t.Ratifications.Where(r => !waiting.Contains(r.PartyId)).ToList())
        {
            var party = parties.Single(p => p.Id == item.PartyId);
            c.RecordRatification(t.Id, party, new(RatificationStatus.Ratified, "Kommunestyret", $"PS {40 + minute++}/26",
                new DateOnly(2026, 10, 22), Deadline: new DateOnly(2026, 12, 31)), secretary, at.AddDays(40));
        }
        foreach (var partyId in waiting)
            c.RecordRatification(t.Id, parties.Single(p => p.Id == partyId),
                new(RatificationStatus.Sent, Deadline: new DateOnly(2026, 12, 31)), secretary, at.AddDays(1));
    }
}
