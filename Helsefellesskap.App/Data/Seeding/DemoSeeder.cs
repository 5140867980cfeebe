using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data.Seeding;

/// <summary>
/// Seeds Helsefellesskap Innlandet into an empty database: the regions and municipalities of innlandet.csv,
/// Sykehuset Innlandet and its divisions, the four bodies with their seats, demo users and a handful of cases
/// in different states. Every person is invented; the structure follows the partnership's own documents.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<ApplicationUser> users, IUserStore<ApplicationUser> userStore,
    ILogger<DemoSeeder> logger)
{
    public const string DemoPassword = "Innlandet-2026";
    private static readonly Term CurrentTerm = new(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
    private static readonly Term PreviousTerm = new(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31));

    private Partnership partnership = null!;
    private Party hospital = null!, jointly = null!;
    private readonly Dictionary<string, Party> regions = [], municipalities = [];
    private readonly Dictionary<string, Person> people = [];

    public async Task SeedAsync()
    {
        if (await db.Partnerships.AnyAsync()) return;
        // Thousands of rows written by no one: the audit trail counts each save instead of listing every row.
        db.SkipAudit = true;
        db.AuditAction = "Demodata lagt inn";

        partnership = new Partnership("Helsefellesskap Innlandet");
        db.Partnerships.Add(partnership);
        SeedParties();
        var ssu = SeedSsu();
        var au = SeedAu();
        var pm = SeedPartnershipMeeting();
        var fu = SeedProfessionalCommittee();
        db.Bodies.AddRange(ssu, au, pm, fu);
        await db.SaveChangesAsync();

        await SeedUsersAsync();
        await SeedMeetingsAndCasesAsync(ssu, au, pm, fu);
        await AfterDecisionSeeding.SeedAsync(db);
        await FollowUpSeeder.SeedAsync(db);
        logger.LogInformation("Seeded Helsefellesskap Innlandet: {Parties} parties, {People} people.",
            regions.Count + municipalities.Count + 2, people.Count);
    }

    private void SeedParties()
    {
        var id = partnership.Id;
        hospital = Party.HospitalTrust(id, "Sykehuset Innlandet HF");
        jointly = Party.MunicipalitiesJointly(id, "Kommunene i Innlandet (samlet)");
        db.Parties.AddRange(hospital, jointly);
        foreach (var row in InnlandetCsv.Read())
        {
            var region = Party.HealthRegion(id, "Helseregion " + row.Region);
            regions[row.Region] = region;
            db.Parties.Add(region);
            foreach (var name in row.Municipalities)
            {
                var municipality = Party.Municipality(id, name, region);
                municipalities[name] = municipality;
                db.Parties.Add(municipality);
            }
        }
        string[][] divisions =
        [
            ["Divisjon psykisk helsevern", "Elin Ruud"], ["Divisjon prehospitale tjenester", "Are Solli"],
            ["Divisjon habilitering og rehabilitering", "Gro Tveit"], ["Divisjon Gjøvik-Lillehammer", "Jan Ove Skar"],
            ["Divisjon Elverum-Hamar", "Turid Moe"], ["Divisjon Tynset", "Arvid Hoel"],
            ["Divisjon medisinsk service", "Linn Ekre"], ["Sykehusapotekene", "Rune Sande"],
        ];
        foreach (var d in divisions) db.HospitalDivisions.Add(new HospitalDivision(hospital, d[0], d[1]));
    }

    private Person P(string userName, string name, string title)
    {
        if (people.TryGetValue(userName, out var existing)) return existing;
        var person = new Person(partnership.Id, name, title);
        // Invented addresses on a domain reserved for examples, so the demo can never mail a real person.
        person.ChangeEmail($"{userName}@eksempel.no");
        people[userName] = person;
        db.People.Add(person);
        return person;
    }

    private Body SeedSsu()
    {
        var ssu = new Body(partnership.Id, BodyKind.StrategicCommittee, "Strategisk samarbeidsutvalg", "SSU");
        var chair = P("torstein.vik", "Torstein Vik", "kommunedirektør, Søndre Land kommune");
        var director = P("annelise.dahl", "Anne Lise Dahl", "administrerende direktør, Sykehuset Innlandet");
        // The chair alternates every second year: the hospital led 2024–2025, the municipalities lead 2026–2027.
        // The municipal side is led by a kommunedirektør appointed by KS Innlandet's kommunedirektørutvalg (seed 004):
        // he chairs (or deputises) for the municipalities jointly and gives no region's position; each region speaks
        // through its own kommunalsjef.
        ssu.AddSeat(director, SeatRole.Chair, PreviousTerm, hospital);
        ssu.AddSeat(chair, SeatRole.DeputyChair, PreviousTerm, jointly, withoutPosition: true);
        ssu.AddSeat(chair, SeatRole.Chair, CurrentTerm, jointly, withoutPosition: true);
        ssu.AddSeat(director, SeatRole.DeputyChair, CurrentTerm, hospital);

        (string User, string Name, string Title, string Region)[] regional =
        [
            ("hilde.moen", "Hilde Moen", "kommunalsjef helse og omsorg, Gran kommune", "Gjøvik og Hadeland"),
            ("siri.braaten", "Siri Bråten", "kommunalsjef helse og omsorg, Vang kommune", "Valdres"),
            ("eirik.lunde", "Eirik Lunde", "kommunalsjef helse og velferd, Lillehammer kommune", "Sør-Gudbrandsdal"),
            ("marte.kvaale", "Marte Kvaale", "helse- og utviklingssjef, Lesja kommune", "Nord-Gudbrandsdal"),
            ("paal.rudstad", "Pål Rudstad", "kommunalsjef helse og omsorg, Ringsaker kommune", "Hamar"),
            ("ingrid.nyhus", "Ingrid Nyhus", "sektorsjef pleie, rehabilitering og omsorg, Elverum kommune", "Sør-Østerdal"),
            ("jon.tangen", "Jon Tangen", "sektorleder helse, Tolga kommune", "Nord-Østerdal"),
        ];
        foreach (var r in regional) ssu.AddSeat(P(r.User, r.Name, r.Title), SeatRole.Member, CurrentTerm, regions[r.Region]);

        (string User, string Name, string Title)[] hospitalMembers =
        [
            ("kjersti.haug", "Kjersti Haug", "divisjonsdirektør psykisk helsevern, Sykehuset Innlandet"),
            ("morten.berg", "Morten Berg", "divisjonsdirektør prehospitale tjenester, Sykehuset Innlandet"),
            ("lene.strand", "Lene Strand", "divisjonsdirektør habilitering og rehabilitering, Sykehuset Innlandet"),
            ("anders.holm", "Anders Holm", "divisjonsdirektør Gjøvik-Lillehammer (somatikk), Sykehuset Innlandet"),
            ("tone.myhre", "Tone Myhre", "avdelingssjef samhandling og brukermedvirkning, Sykehuset Innlandet"),
        ];
        foreach (var h in hospitalMembers) ssu.AddSeat(P(h.User, h.Name, h.Title), SeatRole.Member, CurrentTerm, hospital);

        ssu.AddSeat(P("ola.grindvold", "Ola Grindvold", "kommunalsjef helse, Nord-Aurdal kommune"), SeatRole.Substitute, CurrentTerm, regions["Valdres"]);
        ssu.AddSeat(P("randi.sund", "Randi Sund", "assisterende divisjonsdirektør, Sykehuset Innlandet"), SeatRole.Substitute, CurrentTerm, hospital);

        ssu.AddSeat(GeneralPractitioner(), SeatRole.Participant, CurrentTerm, jointly, ParticipantKind.GeneralPractitioner);
        ssu.AddSeat(P("gunn.brekke", "Gunn Brekke", "brukerrepresentant fra kommunene"), SeatRole.Participant, CurrentTerm, jointly, ParticipantKind.UserRepresentative);
        ssu.AddSeat(P("hans.aasen", "Hans Aasen", "brukerrepresentant, Brukerutvalget i Sykehuset Innlandet"), SeatRole.Participant, CurrentTerm, hospital, ParticipantKind.UserRepresentative);
        ssu.AddSeat(P("kari.fjeld", "Kari Fjeld", "tillitsvalgt, Fagforbundet"), SeatRole.Participant, CurrentTerm, jointly, ParticipantKind.UnionRepresentative);
        ssu.AddSeat(P("nina.lie", "Nina Lie", "tillitsvalgt, Norsk Sykepleierforbund"), SeatRole.Participant, CurrentTerm, jointly, ParticipantKind.UnionRepresentative);
        ssu.AddSeat(P("bjorn.vold", "Bjørn Vold", "tillitsvalgt, Sykehuset Innlandet"), SeatRole.Participant, CurrentTerm, hospital, ParticipantKind.UnionRepresentative);

        ssu.AddSeat(MunicipalAdviser(), SeatRole.Secretariat, CurrentTerm, jointly);
        ssu.AddSeat(HospitalLead(), SeatRole.Secretariat, CurrentTerm, hospital);

        (string User, string Name, string Organisation)[] observers =
        [
            ("liv.aune", "Liv Aune", "Statsforvalteren i Innlandet"),
            ("stein.ronning", "Stein Rønning", "NTNU Gjøvik"),
            ("trine.bakken", "Trine Bakken", "Fagskolen Innlandet"),
            ("erik.sveen", "Erik Sveen", "Høgskolen i Innlandet"),
            ("aase.nordby", "Åse Nordby", "KS Innlandet"),
            ("heidi.rustad", "Heidi Rustad", "Pasient- og brukerombudet i Innlandet"),
            ("vidar.engen", "Vidar Engen", "Kompetansebroen Innlandet"),
        ];
        foreach (var o in observers)
            ssu.AddSeat(P(o.User, o.Name, "observatør, " + o.Organisation), SeatRole.Observer, CurrentTerm, organisation: o.Organisation);
        return ssu;
    }

    private Person GeneralPractitioner() => P("perolav.nes", "Per Olav Nes", "fastlegerepresentant, Brumunddal legesenter");
    private Person MunicipalAdviser() => P("mari.hovde", "Mari Hovde", "interkommunal rådgiver, Helsefellesskap Innlandet (vertskommune Ringsaker)");
    private Person HospitalLead() => P("geir.lien", "Geir Lien", "samhandlingsleder, Sykehuset Innlandet");

    private Body SeedAu()
    {
        // The working committee: a GP and the municipal adviser for the municipalities; the director of
        // medicine and health sciences and the collaboration lead for the hospital.
        var au = new Body(partnership.Id, BodyKind.WorkingCommittee, "Arbeidsutvalget", "AU");
        au.AddSeat(P("knut.ellingsen", "Knut Ellingsen", "assisterende direktør medisin og helsefag, Sykehuset Innlandet"), SeatRole.Chair, CurrentTerm, hospital);
        au.AddSeat(GeneralPractitioner(), SeatRole.DeputyChair, CurrentTerm, jointly);
        au.AddSeat(MunicipalAdviser(), SeatRole.Member, CurrentTerm, jointly);
        au.AddSeat(HospitalLead(), SeatRole.Member, CurrentTerm, hospital);
        return au;
    }

    private static readonly string[] FirstNames =
    [
        "Anita", "Bjørnar", "Camilla", "Dag", "Elisabeth", "Frode", "Guri", "Harald", "Ida", "Jostein", "Kristin",
        "Leif", "Mona", "Nils", "Oddny", "Petter", "Ragnhild", "Svein", "Tove", "Ulrik", "Vigdis",
    ];

    private static readonly string[] LastNames =
    [
        "Aamot", "Bergum", "Dalen", "Engum", "Flatmo", "Granli", "Haugom", "Jevne", "Kleven", "Lysgaard", "Midtun",
        "Nordhagen", "Opsahl", "Rønningen", "Sletten", "Tollefsrud", "Ulsrud", "Vestli", "Ødegaard", "Åsheim",
    ];

    private Body SeedPartnershipMeeting()
    {
        // The administrative partnership meeting: every municipality's top leader and the hospital's leaders.
        var pm = new Body(partnership.Id, BodyKind.PartnershipMeeting, "Partnerskapsmøtet", "PM");
        pm.AddSeat(people["torstein.vik"], SeatRole.Chair, CurrentTerm, municipalities["Søndre Land"]);
        pm.AddSeat(people["annelise.dahl"], SeatRole.DeputyChair, CurrentTerm, hospital);
        pm.AddSeat(P("rolf.hagen", "Rolf Hagen", "styreleder, Sykehuset Innlandet"), SeatRole.Member, CurrentTerm, hospital);
        var i = 0;
        foreach (var (name, municipality) in municipalities.Where(m => m.Key != "Søndre Land"))
        {
            var person = P("kd." + UserNamePart(name),
                $"{FirstNames[i % FirstNames.Length]} {LastNames[(i * 7 + i / LastNames.Length) % LastNames.Length]}",
                $"kommunedirektør, {name} kommune");
            pm.AddSeat(person, SeatRole.Member, CurrentTerm, municipality);
            i++;
        }
        pm.AddSeat(GeneralPractitioner(), SeatRole.Participant, CurrentTerm, jointly, ParticipantKind.GeneralPractitioner);
        pm.AddSeat(people["gunn.brekke"], SeatRole.Participant, CurrentTerm, jointly, ParticipantKind.UserRepresentative);
        pm.AddSeat(MunicipalAdviser(), SeatRole.Secretariat, CurrentTerm, jointly);
        pm.AddSeat(HospitalLead(), SeatRole.Secretariat, CurrentTerm, hospital);
        pm.AddSeat(people["aase.nordby"], SeatRole.Observer, CurrentTerm, organisation: "KS Innlandet");
        return pm;
    }

    private Body SeedProfessionalCommittee()
    {
        var fu = new Body(partnership.Id, BodyKind.ProfessionalCommittee, "Fagutvalg psykisk helse barn og unge (pilot)", "FU-PHBU");
        fu.AddSeat(P("silje.vang", "Silje Vang", "enhetsleder psykisk helse og rus, Hamar kommune"), SeatRole.Chair, CurrentTerm, regions["Hamar"]);
        fu.AddSeat(P("trond.odegard", "Trond Ødegård", "leder barneverntjenesten, Gjøvik kommune"), SeatRole.Member, CurrentTerm, regions["Gjøvik og Hadeland"]);
        fu.AddSeat(P("maria.kolstad", "Maria Kolstad", "avdelingssjef psykisk helsevern barn og unge, Sykehuset Innlandet"), SeatRole.DeputyChair, CurrentTerm, hospital);
        fu.AddSeat(P("jonas.berget", "Jonas Berget", "brukerrepresentant, ungdomsrådet"), SeatRole.Participant, CurrentTerm, jointly, ParticipantKind.UserRepresentative);
        fu.AddSeat(MunicipalAdviser(), SeatRole.Secretariat, CurrentTerm, jointly);
        return fu;
    }

    private static string UserNamePart(string name) => name.ToLowerInvariant()
        .Replace("æ", "ae").Replace("ø", "o").Replace("å", "aa").Replace(' ', '-');

    private async Task SeedUsersAsync()
    {
        // Every demo user has the same public password, so the seed hashes it once and gives all of them that hash:
        // hashing it for each of the ~80 users (PBKDF2, 100,000 iterations each) was most of a new database's start.
        // Only the demo seed does this. A real user's password gets its own salted hash when it is set
        // (UserManager.CreateAsync(user, password), ChangePasswordAsync, ResetPasswordAsync); the hash comes from the
        // configured hasher, so it is Identity's v3 format with the configured iteration count (1,000 in the tests).
        var admin = new ApplicationUser { UserName = "admin", IsAdministrator = true, EmailConfirmed = true };
        foreach (var validator in users.PasswordValidators)
            Check(admin, await validator.ValidateAsync(users, admin, DemoPassword));
        var demoPasswordHash = users.PasswordHasher.HashPassword(admin, DemoPassword);

        // Identity's store saves after each user; with everything seeded so far tracked by this context, each of those
        // ~80 saves went through all of it. The users are saved together instead.
        var store = userStore as UserOnlyStore<ApplicationUser, AppDbContext, string, IdentityUserClaim<string>,
            IdentityUserLogin<string>, IdentityUserToken<string>>;
        if (store is not null) store.AutoSaveChanges = false;
        try
        {
            await Create(admin);
            foreach (var (userName, person) in people)
                await Create(new ApplicationUser { UserName = userName, PersonId = person.Id, EmailConfirmed = true });
            await db.SaveChangesAsync();
        }
        finally
        {
            if (store is not null) store.AutoSaveChanges = true;
        }

        async Task Create(ApplicationUser user)
        {
            user.PasswordHash = demoPasswordHash;
            Check(user, await users.CreateAsync(user));
        }

        static void Check(ApplicationUser user, IdentityResult result)
        {
            if (!result.Succeeded)
                throw new InvalidOperationException($"Could not create demo user {user.UserName}: " +
                    string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private async Task SeedMeetingsAndCasesAsync(Body ssu, Body au, Body pm, Body fu)
    {
        Meeting Held(Body body, int month, int day, string location, bool approved = true)
        {
            var date = new DateOnly(2026, month, day);
            var meeting = new Meeting(body, OsloTime.At(date, 9), TimeSpan.FromHours(3), location, "https://video.example.no/hfi-" + body.ShortName.ToLowerInvariant(), date);
            meeting.RecordAsHeld(approved);
            db.Meetings.Add(meeting);
            return meeting;
        }

        var au1 = Held(au, 1, 7, "Teams");
        var ssu1 = Held(ssu, 1, 21, "Sykehuset Innlandet, Brumunddal");
        var au2 = Held(au, 3, 4, "Teams");
        var ssu2 = Held(ssu, 3, 18, "Ringsaker rådhus, Brumunddal");
        var ssu3 = Held(ssu, 6, 10, "Gjøvik rådhus");
        var pm1 = Held(pm, 8, 28, "Scandic Hamar");
        var fu1 = Held(fu, 10, 14, "Sykehuset Innlandet, Hamar");
        var au3 = Held(au, 11, 18, "Teams", approved: false);
        var ssuDecember = new Meeting(ssu, OsloTime.At(new DateOnly(2026, 12, 2), 9), TimeSpan.FromHours(3),
            "Sykehuset Innlandet, Lillehammer", "https://video.example.no/hfi-ssu", new DateOnly(2026, 12, 2));
        db.Meetings.Add(ssuDecember);
        db.Meetings.Add(new Meeting(au, OsloTime.At(new DateOnly(2027, 1, 13), 13), TimeSpan.FromHours(2), "",
            "https://video.example.no/hfi-au", new DateOnly(2027, 1, 13)));
        await db.SaveChangesAsync();

        var series = new Dictionary<Guid, CaseNumberSeries>();
        var secretary = people["mari.hovde"];
        var all = await db.Parties.ToListAsync();

        Case NewCase(Body body, string title, CaseType type, bool principled, CaseTag tags, string background,
            string assessment, string proposal, bool register = true)
        {
            var at = OsloTime.At(new DateOnly(2025, 12, 1), 12);
            var c = new Case(partnership.Id, body, title, type, principled, tags, background, assessment, proposal, secretary.Id, at);
            if (register)
            {
                if (!series.TryGetValue(body.Id, out var s)) series[body.Id] = s = new CaseNumberSeries(body.Id, 2026);
                c.Register(s);
            }
            db.Cases.Add(c);
            return c;
        }

        void Treat(Case c, Body body, Meeting meeting, Func<Guid, (PositionKind Kind, string? Text)> positionOf,
            NextStep? next = null)
        {
            var day = DateOnly.FromDateTime(meeting.StartsAt.ToOslo().DateTime);
            var t = c.StartTreatment(body, day, secretary.Id, meeting.StartsAt, meeting.Id);
            meeting.RecordTreatedCase(c.Id, c.Title, t.Id);
            var minute = 0;
            foreach (var partyId in t.RequiredParties.Order())
            {
                if (c.Type == CaseType.Information) break;
                var (kind, text) = positionOf(partyId);
                var seat = body.SeatsOn(day).First(s => s.PartyId == partyId && s.MayHoldPosition);
                c.RegisterPosition(t.Id, all.First(p => p.Id == partyId), t.CurrentWording.Version, kind, text,
                    seat.PersonId, false, meeting.StartsAt.AddMinutes(20 + minute++));
            }
            c.CloseTreatment(t.Id, meeting.StartsAt.AddMinutes(45), next, all, body.Mandate == Mandate.Decides ? null : ssu,
                next switch { NextStep.BackToWorkingCommittee => au, NextStep.UpToPartnershipMeeting => pm, _ => null });
        }

        static (PositionKind, string?) Agree(Guid _) => (PositionKind.Agree, null);
        var northEast = regions["Nord-Østerdal"].Id;

        var discharge = NewCase(ssu, "Felles prosedyre for utskrivningsklare pasienter", CaseType.Decision, false,
            CaseTag.FrailElderly | CaseTag.SeveralChronicConditions,
            "Delavtalen om innleggelse og utskrivning krever en felles prosedyre for når en pasient er utskrivningsklar. " +
            "Dagens praksis varierer mellom divisjonene og kommunene.",
            "Arbeidsgruppen har samlet erfaringer fra alle sju helseregioner. Prosedyren gir én felles definisjon, " +
            "faste tidspunkter for varsling og en tydelig ansvarsfordeling.",
            "Strategisk samarbeidsutvalg godkjenner felles prosedyre for utskrivningsklare pasienter, gjeldende fra 1. mars 2026.");
        Treat(discharge, au, au1, Agree);
        Treat(discharge, ssu, ssu1, id => id == hospital.Id
            ? (PositionKind.AgreeWithRemark, "Sykehuset ber om at prosedyren evalueres etter ett år.")
            : (PositionKind.Agree, null));

        var report = NewCase(ssu, "Årsrapport 2025 for Helsefellesskap Innlandet", CaseType.Information, false, CaseTag.None,
            "Helsefellesskapet sender hvert år en årsrapport til kommunestyrene og styret i Sykehuset Innlandet.",
            "Rapporten oppsummerer møter, saker og vedtak i 2025.", "Saken tas til orientering.");
        Treat(report, ssu, ssu1, Agree);

        var copd = NewCase(ssu, "Pasientforløp for personer med kols i Innlandet", CaseType.Decision, true,
            CaseTag.SeveralChronicConditions,
            "Partnerskapsmøtet vedtok at helsefellesskapet skal utarbeide pasientforløp for innbyggere med sammensatte behov. " +
            "Innlandet har om lag 20 500 pasienter med kols.",
            "Forløpet forplikter både kommunene og sykehuset til nye oppgaver og er derfor en prinsipiell sak som må " +
            "forankres lokalt i hver kommune og i styret i Sykehuset Innlandet.",
            "Strategisk samarbeidsutvalg slutter seg til felles pasientforløp for personer med kols, med forbehold om lokal forankring.");
        Treat(copd, au, au2, Agree);
        Treat(copd, ssu, ssu2, Agree);
        var copdTreatment = copd.Treatments[^1];
        var ratified = 0;
        foreach (var item in copdTreatment.Ratifications.ToList())
        {
            var party = all.First(p => p.Id == item.PartyId);
            var status = ratified++ switch
            {
                < 30 => RatificationStatus.Ratified,
                < 33 => RatificationStatus.UnderTreatment,
                _ => RatificationStatus.Sent,
            };
            copd.RecordRatification(copdTreatment.Id, party, AfterDecisionSeeding.CopdRatification(party, status, ratified),
                secretary.Id, OsloTime.At(new DateOnly(2026, 6, 1), 12));
        }

        var competence = NewCase(ssu, "Felles kompetanseplan for sykepleiere og helsefagarbeidere", CaseType.Decision, false,
            CaseTag.CompetenceAndRecruitment,
            "Nasjonal helse- og sykehusplan ber helsefellesskapene lage en plan for å sikre tilstrekkelig kompetanse.",
            "Planen foreslår felles hospiteringsordning og delte stillinger mellom sykehus og kommuner.",
            "Strategisk samarbeidsutvalg vedtar felles kompetanseplan 2026–2029.");
        Treat(competence, ssu, ssu3, id => id == northEast
            ? (PositionKind.Disagree, "Planen forutsetter delte stillinger som de minste kommunene i regionen ikke kan finansiere.")
            : (PositionKind.Agree, null), NextStep.BackToWorkingCommittee);

        var pilot = NewCase(ssu, "Etablering av fagutvalg for psykisk helse barn og unge (pilot)", CaseType.Decision, false,
            CaseTag.ChildrenAndYouth | CaseTag.MentalHealthAndSubstanceAbuse,
            "Helsefellesskapet har ikke etablert faglige samarbeidsutvalg. En pilot innen psykisk helse for barn og unge er foreslått.",
            "Piloten gir erfaring med mandat og sammensetning før flere fagutvalg etableres.",
            "Strategisk samarbeidsutvalg etablerer fagutvalg for psykisk helse barn og unge som pilot ut 2027, med mandat som i vedlegg.");
        Treat(pilot, ssu, ssu3, id => id == regions["Valdres"].Id
            ? (PositionKind.AgreeWithRemark, "Valdres ber om at de minste kommunene får plass i fagutvalget.")
            : (PositionKind.Agree, null));

        var homecare = NewCase(ssu, "Felles plan for digital hjemmeoppfølging", CaseType.Decision, false,
            CaseTag.Digitalisation | CaseTag.SeveralChronicConditions,
            "Flere kommuner og sykehuset prøver ut digital hjemmeoppfølging hver for seg.",
            "En felles plan gir like tjenester i hele Innlandet og deler kostnadene for utstyr og opplæring.",
            "Strategisk samarbeidsutvalg slutter seg til felles plan for digital hjemmeoppfølging 2027–2028.");
        Treat(homecare, au, au3, Agree);

        var sharedDecisions = NewCase(ssu, "Samvalg i overgangen mellom sykehus og kommune", CaseType.Discussion, false, CaseTag.SharedDecisionMaking,
            "Samvalg betyr at pasienten og helsepersonellet tar beslutninger sammen.",
            "Sekretariatet ber om utvalgets innspill til hvordan samvalg kan brukes i overgangene.",
            "Strategisk samarbeidsutvalg drøfter saken og gir sekretariatet innspill.");
        // Still with the working committee: the hospital has agreed, the municipalities have not spoken yet.
        var preparing = sharedDecisions.StartTreatment(au, new DateOnly(2026, 11, 18), secretary.Id, au3.StartsAt);
        sharedDecisions.RegisterPosition(preparing.Id, hospital, 1, PositionKind.Agree, null, people["geir.lien"].Id, false, au3.StartsAt.AddMinutes(30));

        NewCase(ssu, "Akuttmedisinsk kjede: samarbeid mellom ambulanse og legevakt", CaseType.Decision, false,
            CaseTag.EmergencyMedicalChain,
            "Utkast. Bakgrunnen skrives ferdig etter møtet med legevaktene.", "",
            "Strategisk samarbeidsutvalg ber arbeidsutvalget utrede felles responstider.", register: false);

        var priorities = NewCase(pm, "Helsefellesskapets prioriteringer for 2027", CaseType.Decision, false,
            CaseTag.ChildrenAndYouth | CaseTag.FrailElderly,
            "Partnerskapsmøtet peker hvert år ut helsefellesskapets satsinger for det kommende året.",
            "Dialogmøtene i de sju helseregionene pekte på barn og unge og skrøpelige eldre.",
            "Partnerskapsmøtet vedtar at helsefellesskapet i 2027 prioriterer pasientforløp for barn og unge og for skrøpelige eldre.");
        Treat(priorities, pm, pm1, Agree);

        var referral = NewCase(fu, "Felles henvisningsrutine for barn og unge med psykiske plager", CaseType.Decision, false,
            CaseTag.ChildrenAndYouth | CaseTag.MentalHealthAndSubstanceAbuse,
            "Fastleger og kommunale tjenester opplever ulike krav til henvisninger til BUP.",
            "Fagutvalget har sammenlignet rutinene og foreslår én felles mal.",
            "Fagutvalget anbefaler at SSU godkjenner felles henvisningsrutine.");
        Treat(referral, fu, fu1, Agree);

        var copdStatus = NewCase(ssu, "Status for lokal forankring av kols-forløpet", CaseType.Information, false,
            CaseTag.SeveralChronicConditions,
            "SSU vedtok i mars felles pasientforløp for personer med kols, med forbehold om lokal forankring.",
            "Sekretariatet orienterer om hvor langt kommunene og sykehuset har kommet med den lokale behandlingen.",
            "Saken tas til orientering.");

        // The next SSU meeting: the notice has gone out with the cases put forward to it.
        foreach (var c in new[] { homecare, referral, copdStatus }) ssuDecember.AddCase(c.Id, c.Title);
        ssuDecember.ReportAbsence(people["siri.braaten"].Id, "Kommunestyremøte i Vang samme dag");
        ssuDecember.CallInSubstitute(ssu.Seats.First(s => s.PersonId == people["ola.grindvold"].Id), people["siri.braaten"].Id);
        ssuDecember.SendNotice(OsloTime.At(new DateOnly(2026, 11, 18), 14));

        await db.SaveChangesAsync();
        foreach (var s in series.Values) db.CaseNumberSeries.Add(s);
        await db.SaveChangesAsync();
    }
}
