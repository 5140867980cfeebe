using System.Text.RegularExpressions;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Seeding;
using Helsefellesskap.App.Features.Administration;
using Helsefellesskap.App.Features.Ratifications;
using Helsefellesskap.App.Features.Steering;
using Helsefellesskap.Domain.Steering;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Cases.Attachments;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Access;

/// <summary>
/// Every command against every role, as docs/roles.md writes it down: each cell of that table is a test case.
/// An allowed command succeeds; a refused one throws the domain's Norwegian message and changes nothing at all.
/// </summary>
public sealed partial class RoleMatrixSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private static readonly string[] Roles = ["Administrator", "Sekretariat", "Leder", "Nestleder", "Medlem", "Deltaker", "Observatør", "Ikke innlogget", "Skrivebeskyttet"];

    /// <summary>The demo person in each role, in fagutvalget for psykisk helse barn og unge.</summary>
    private static readonly Dictionary<string, (string? User, string? OwnParty)> Personas = new()
    {
        ["Administrator"] = ("admin", null),
        ["Sekretariat"] = ("mari.hovde", null),
        ["Leder"] = ("silje.vang", "Helseregion Hamar"),
        ["Nestleder"] = ("maria.kolstad", "Sykehuset Innlandet HF"),
        ["Medlem"] = ("trond.odegard", "Helseregion Gjøvik og Hadeland"),
        ["Deltaker"] = ("jonas.berget", null),
        ["Observatør"] = ("liv.aune", null),
        ["Ikke innlogget"] = (null, null),
        // The secretariat through an identity provider, without the second factor her role requires.
        ["Skrivebeskyttet"] = ("mari.hovde", null),
    };

    public static TheoryData<string, string, string> Cells()
    {
        var roles = Path.Combine(RepositoryRoot(), "docs", "roles.md");
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(roles))
        {
            var match = Row().Match(line);
            if (!match.Success) continue;
            var cells = line.Split('|', StringSplitOptions.TrimEntries)[2..^1];
            for (var i = 0; i < Roles.Length; i++)
                if (cells[i] is "ja" or "nei") data.Add(match.Groups[1].Value, Roles[i], cells[i]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Every_command_is_allowed_or_refused_for_every_role_as_the_table_says(string command, string role, string expected)
    {
        var scene = await SetSceneAsync();
        if (command == "PutForward") await EveryPartyAgreesAsync(scene);
        var meeting = MeetingStages.TryGetValue(command, out var stage) ? await MeetingAsync(scene, stage) : default;
        var (user, ownParty) = Personas[role];
        await PrepareFollowUpAsync(command, user);
        await PrepareFailedMailAsync(command);
        if (command == "ReadConfidentialCase")
        {
            await As("mari.hovde");
            await Service<CaseWork>().SetPublicationAsync(scene.CaseInCommittee, exempt: true, "offl. § 13, jf. fvl. § 13");
        }
        if (user is null) SignOut();
        else if (role == "Skrivebeskyttet") await AsWithoutSecondFactor(user);
        else await As(user);
        var before = await DatabaseFingerprint.OfAsync(Database.Path);
        var offered = await MayAsync(command, scene, ownParty, meeting);

        var refusal = await Record.ExceptionAsync(() => Run(command, scene, ownParty, meeting));

        // What a page offers (Actor.MayX) and what the command does (Actor.MustX) answer as one.
        Assert.True(offered == (expected == "ja"), $"Actor.May{command} answers {(offered ? "ja" : "nei")} for {role}; the table says {expected}.");

        if (expected == "ja")
        {
            Assert.Null(refusal);
            if (Reading.Contains(command)) Assert.Equal(before, await DatabaseFingerprint.OfAsync(Database.Path));
            else Assert.NotEqual(before, await DatabaseFingerprint.OfAsync(Database.Path));
        }
        else
        {
            Assert.IsType<DomainException>(refusal);
            Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
            Assert.Equal(before, await DatabaseFingerprint.OfAsync(Database.Path));
        }
    }

    /// <summary>Reading rows: allowed, they change nothing, so they are told apart from the commands that write.</summary>
    private static readonly HashSet<string> Reading = ["ReadConfidentialCase", "ReadDraft"];

    [Fact]
    public void The_table_covers_every_command_and_every_role()
    {
        var cells = Cells().Select(row => (row.Data.Item1, row.Data.Item2)).ToList();
        Assert.Equal(48, cells.Select(c => c.Item1).Distinct().Count());
        Assert.All(Roles, role => Assert.Contains(cells, c => c.Item2 == role));
    }

    private sealed record Scene(Guid CaseInCommittee, Guid TreatmentId, Guid Draft, Guid RegisteredCase, Guid AttachmentId,
        Guid CommitteeId, Guid SsuId, Dictionary<string, Guid> Parties, Dictionary<string, string> Users,
        Dictionary<string, Guid> People, Guid ParticipantSeatId);

    private UserAdministration Admin => Service<UserAdministration>();

    /// <summary>As the secretariat: a case in the professional committee, a draft, a registered case and an attachment.</summary>
    private async Task<Scene> SetSceneAsync()
    {
        await As("mari.hovde");
        var work = Service<CaseWork>();
        Guid committee, ssu;
        Dictionary<string, Guid> parties;
        await using (var db = Database.NewContext())
        {
            committee = await db.Bodies.Where(b => b.ShortName == "FU-PHBU").Select(b => b.Id).SingleAsync();
            ssu = await db.Bodies.Where(b => b.ShortName == "SSU").Select(b => b.Id).SingleAsync();
            parties = await db.Parties.ToDictionaryAsync(p => p.Name, p => p.Id);
        }
        CaseDraftInput Input(string title) => new(title, CaseType.Decision, false, CaseTag.ChildrenAndYouth, ssu, null,
            "Bakgrunn.", "Vurdering.", "SSU vedtar rutinen.");

        var inCommittee = await work.CreateDraftAsync(Input("Felles rutine for overgang fra BUP til kommunen"));
        await work.RegisterAsync(inCommittee);
        await work.SendForPreparationAsync(inCommittee, committee);
        var draft = await work.CreateDraftAsync(Input("Utkast til sak om ventetider"));
        var registered = await work.CreateDraftAsync(Input("Registrert sak om skolehelsetjenesten"));
        await work.RegisterAsync(registered);
        var pdf = "%PDF-1.7\n test"u8.ToArray();
        var attachment = await Service<CaseAttachments>().AddAsync(inCommittee, "Notat.pdf", pdf.Length, _ => new MemoryStream(pdf));

        await using var read = Database.NewContext();
        var treatment = (await read.Cases.WithRecord().SingleAsync(c => c.Id == inCommittee)).OpenTreatment!.Id;
        var users = await read.Users.Where(u => u.UserName != null).ToDictionaryAsync(u => u.UserName!, u => u.Id);
        var people = await read.Users.Where(u => u.PersonId != null).ToDictionaryAsync(u => u.UserName!, u => u.PersonId!.Value);
        var participantSeat = await read.Seats.Where(x => x.BodyId == committee && x.PersonId == people["jonas.berget"]).Select(x => x.Id).SingleAsync();
        return new Scene(inCommittee, treatment, draft, registered, attachment.Id, committee, ssu, parties, users, people, participantSeat);
    }

    private async Task Run(string command, Scene s, string? ownParty, MeetingScene m)
    {
        var work = Service<CaseWork>();
        var meetings = Service<MeetingWork>();
        var other = ownParty is "Helseregion Hamar" or "Helseregion Gjøvik og Hadeland" ? "Sykehuset Innlandet HF" : "Helseregion Hamar";
        switch (command)
        {
            case "CreateDraft":
                await work.CreateDraftAsync(new("Ny sak", CaseType.Discussion, false, CaseTag.None, s.SsuId, null, "", "", ""));
                break;
            case "SaveDraft":
                await work.SaveAsync(s.Draft, 1, new("Utkast til sak om ventetider, endret", CaseType.Decision, false, CaseTag.None, s.SsuId, null, "", "", "SSU vedtar."));
                break;
            case "RegisterCase":
                await work.RegisterAsync(s.Draft);
                break;
            case "SendForPreparation":
                await work.SendForPreparationAsync(s.RegisteredCase, s.CommitteeId);
                break;
            case "AddAttachment":
                var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
                await Service<CaseAttachments>().AddAsync(s.CaseInCommittee, "Figur.png", png.Length, _ => new MemoryStream(png));
                break;
            case "RemoveAttachment":
                await Service<CaseAttachments>().RemoveAsync(s.CaseInCommittee, s.AttachmentId);
                break;
            case "RegisterOwnPosition":
                await work.RegisterPositionAsync(s.CaseInCommittee, s.TreatmentId, s.Parties[ownParty!], 1, PositionKind.Agree, null);
                break;
            case "RegisterOtherPosition":
                await work.RegisterPositionAsync(s.CaseInCommittee, s.TreatmentId, s.Parties[other], 1, PositionKind.Agree, null);
                break;
            case "AmendWording":
                await work.AmendWordingAsync(s.CaseInCommittee, s.TreatmentId, "Fagutvalget anbefaler rutinen med en evaluering etter ett år.");
                break;
            case "PutForward":
                await work.CloseWithRecommendationAsync(s.CaseInCommittee, s.TreatmentId, s.SsuId);
                break;
            case "SendBack":
                await work.SendBackAsync(s.CaseInCommittee, s.TreatmentId, "Beskriv ventetidene i hver region.");
                break;
            case "SaveProposalVersion":
                int version;
                await using (var db = Database.NewContext()) version = (await db.Cases.WithRecord().SingleAsync(c => c.Id == s.RegisteredCase)).Version;
                await work.SaveAsProposalVersionAsync(s.RegisteredCase, version, new("Registrert sak om skolehelsetjenesten", CaseType.Decision,
                    false, CaseTag.ChildrenAndYouth, s.SsuId, null, "Bakgrunn.", "Vurdering.", "SSU vedtar rutinen for skolehelsetjenesten."));
                break;
            case "AddAddendum":
                Guid decided;
                await using (var db = Database.NewContext())
                    decided = await db.Cases.Where(c => c.Title == "Pasientforløp for personer med kols i Innlandet").Select(c => c.Id).SingleAsync();
                await work.AddAddendumAsync(decided, AddendumKind.Supplement, "Forløpet er oversatt til nordsamisk.");
                break;
            case "SetPublication":
                await work.SetPublicationAsync(s.CaseInCommittee, exempt: true, "offl. § 14");
                break;
            case "CreateUser":
                await Admin.CreateUserAsync("Nina Ny", "rådgiver", "nina.ny", "Sterkt-passord-2026");
                break;
            case "AddSeat":
                await Admin.AddSeatAsync(s.People["stein.ronning"], s.CommitteeId, SeatRole.Observer, null, null, "NTNU Gjøvik",
                    new DateOnly(2026, 11, 22), null);
                break;
            case "EndSeat":
                await Admin.EndSeatAsync(s.ParticipantSeatId, new DateOnly(2026, 11, 22));
                break;
            case "DeactivateUser":
                await Admin.DeactivateAsync(s.Users["stein.ronning"]);
                break;
            case "ResetPassword":
                await Admin.ResetPasswordAsync(s.Users["stein.ronning"], "Midlertidig-passord-2026");
                break;
            case "RecordRatification":
                var (treatment, tolga) = await PendingRatificationAsync();
                await Service<RatificationWork>().RecordAsync(treatment, tolga, new(RatificationStatus.UnderTreatment, "Kommunestyret"));
                break;
            case "GrantRatificationRecording":
                await Service<RatificationWork>().GrantRecordingAsync(s.People["kd.tolga"], (await PendingRatificationAsync()).Tolga);
                break;
            case "EditSteeringFigures":
                await Service<SteeringData>().SaveAsync(2025, [new(s.Parties["Helseregion Valdres"], SteeringIndicator.CopdPatients, "1100")]);
                break;
            case "LinkSteeringFigures":
                await Service<SteeringData>().LinkCaseAsync(s.RegisteredCase, 2025, [SteeringIndicator.CopdPatients]);
                break;
            case "ReadConfidentialCase":
                await Service<CaseQueries>().GetAsync(s.CaseInCommittee);
                break;
            case "ReadDraft":
                await Service<CaseQueries>().GetAsync(s.Draft);
                break;
            case "ScheduleMeeting":
                await meetings.ScheduleAsync(new MeetingInput(s.CommitteeId, new DateOnly(2027, 2, 10), new TimeOnly(13, 0), TimeSpan.FromHours(2), "Hamar", null));
                break;
            case "SetAgenda":
                await meetings.AddCaseAsync(m.MeetingId, m.CaseId);
                break;
            case "SendNotice":
                await meetings.SendNoticeAsync(m.MeetingId);
                break;
            case "RescheduleMeeting":
                await meetings.RescheduleAsync(m.MeetingId, new DateOnly(2026, 12, 11), new TimeOnly(13, 0), TimeSpan.FromHours(2), "Gjøvik", null);
                break;
            case "CancelMeeting":
                await meetings.CancelAsync(m.MeetingId);
                break;
            case "ReportOwnAbsence":
                await meetings.ReportAbsenceAsync(m.MeetingId, null, "Sykdom");
                break;
            case "RecordAttendance":
                await meetings.RecordPresenceAsync(m.MeetingId, s.People["trond.odegard"], true);
                break;
            case "OpenMeeting":
                await meetings.OpenMeetingAsync(m.MeetingId);
                break;
            case "OpenMeetingItem":
                await meetings.OpenItemAsync(m.MeetingId, m.ItemId);
                break;
            case "StatePositionInMeeting":
                await meetings.RegisterPositionAsync(m.MeetingId, m.ItemId, s.Parties[ownParty!], 1, PositionKind.Agree, null, new SeenPosition(null));
                break;
            case "StateOtherPositionInMeeting":
                await meetings.RegisterPositionAsync(m.MeetingId, m.ItemId, s.Parties[other], 1, PositionKind.Agree, null, new SeenPosition(null));
                break;
            case "AddRemark":
                await meetings.AddRemarkAsync(m.MeetingId, m.ItemId, "Ungdomsrådet ber om å bli hørt.");
                break;
            case "CloseMeetingItem":
                await meetings.CloseItemAsync(m.MeetingId, m.ItemId, new ItemClosing());
                break;
            case "WriteMinutes":
                await meetings.WriteMinutesAsync(m.MeetingId, m.ItemId, "Fagutvalget drøftet saken.");
                break;
            case "ApproveMinutes":
                await meetings.ApproveMinutesAsync(m.MeetingId);
                break;
            case "CorrectMinutes":
                await meetings.CorrectMinutesAsync(m.MeetingId, "Riktig møtested er Hamar.", "Feil møtested.");
                break;
            default:
                if (await RunFollowUpAsync(command) || await RunSettingsAndMailAsync(command, s.CommitteeId)) break;
                throw new InvalidOperationException($"docs/roles.md names a command the matrix does not know: {command}");
        }
    }

    /// <summary>The demo's decision that waits for Tolga's (and the hospital's) local ratification.</summary>
    private async Task<(Guid Treatment, Guid Tolga)> PendingRatificationAsync()
    {
        await using var db = Database.NewContext();
        var decision = await db.Cases.WithRecord().SingleAsync(c => c.Title == AfterDecisionSeeding.ReservedDecisionTitle);
        return (decision.Treatments.Single().Id, await db.Parties.Where(p => p.Name == "Tolga").Select(p => p.Id).SingleAsync());
    }

    private enum MeetingStage { Planned, OnAgenda, NoticeSent, InProgress, ItemOpen, Closed, MinutesApproved }

    private static readonly Dictionary<string, MeetingStage> MeetingStages = new()
    {
        ["SetAgenda"] = MeetingStage.Planned, ["SendNotice"] = MeetingStage.OnAgenda, ["RescheduleMeeting"] = MeetingStage.NoticeSent, ["CancelMeeting"] = MeetingStage.NoticeSent,
        ["ReportOwnAbsence"] = MeetingStage.NoticeSent,
        ["OpenMeeting"] = MeetingStage.NoticeSent, ["RecordAttendance"] = MeetingStage.InProgress, ["OpenMeetingItem"] = MeetingStage.InProgress,
        ["StatePositionInMeeting"] = MeetingStage.ItemOpen, ["StateOtherPositionInMeeting"] = MeetingStage.ItemOpen,
        ["AddRemark"] = MeetingStage.ItemOpen, ["CloseMeetingItem"] = MeetingStage.ItemOpen,
        ["WriteMinutes"] = MeetingStage.Closed, ["ApproveMinutes"] = MeetingStage.Closed, ["CorrectMinutes"] = MeetingStage.MinutesApproved,
    };

    private readonly record struct MeetingScene(Guid MeetingId, Guid CaseId, Guid ItemId);

    /// <summary>A meeting of the professional committee, brought as far as the command needs by the secretariat and the chair.</summary>
    private async Task<MeetingScene> MeetingAsync(Scene s, MeetingStage stage)
    {
        await As("mari.hovde");
        var work = Service<CaseWork>();
        var meetings = Service<MeetingWork>();
        var caseId = await work.CreateDraftAsync(new("Felles mal for henvisning til BUP", CaseType.Decision, false, CaseTag.ChildrenAndYouth,
            s.CommitteeId, null, "Bakgrunn.", "Vurdering.", "Fagutvalget anbefaler felles mal."));
        await work.RegisterAsync(caseId);
        var meetingId = await meetings.ScheduleAsync(new MeetingInput(s.CommitteeId, new DateOnly(2026, 12, 10), new TimeOnly(13, 0),
            TimeSpan.FromHours(2), "Sykehuset Innlandet, Hamar", null));
        if (stage >= MeetingStage.OnAgenda) await meetings.AddCaseAsync(meetingId, caseId);
        var itemId = (await meetings.SnapshotAsync(meetingId))!.Agenda.SingleOrDefault(a => a.CaseId == caseId)?.ItemId ?? Guid.Empty;
        if (stage >= MeetingStage.NoticeSent) await meetings.SendNoticeAsync(meetingId);
        if (stage >= MeetingStage.InProgress) await meetings.OpenMeetingAsync(meetingId);
        if (stage >= MeetingStage.ItemOpen) await meetings.OpenItemAsync(meetingId, itemId);
        if (stage >= MeetingStage.Closed)
        {
            await As("silje.vang");
            await meetings.CloseItemAsync(meetingId, itemId, new ItemClosing());
            await meetings.CloseMeetingAsync(meetingId);
        }
        if (stage >= MeetingStage.MinutesApproved)
        {
            await As("mari.hovde");
            await meetings.ApproveMinutesAsync(meetingId);
        }
        return new MeetingScene(meetingId, caseId, itemId);
    }

    /// <summary>The advice can only be put forward once every party agrees: the secretariat records that first.</summary>
    private async Task EveryPartyAgreesAsync(Scene s)
    {
        await As("mari.hovde");
        foreach (var party in new[] { "Helseregion Hamar", "Helseregion Gjøvik og Hadeland", "Sykehuset Innlandet HF" })
            await Service<CaseWork>().RegisterPositionAsync(s.CaseInCommittee, s.TreatmentId, s.Parties[party], 1, PositionKind.Agree, null);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Helsefellesskap.sln"))) return dir.FullName;
        throw new InvalidOperationException("Fant ikke Helsefellesskap.sln over testkatalogen.");
    }

    [GeneratedRegex(@"^\| `(\w+)`")]
    private static partial Regex Row();
}
