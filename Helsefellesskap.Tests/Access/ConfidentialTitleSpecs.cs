using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Meetings.Documents;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Access;

/// <summary>
/// A confidential case (offl. § 13) shows no title to one who may not read it, wherever titles are shown; who reads
/// it sees everything. The seeded SSU meeting with approved minutes has one of its cases made confidential afterwards.
/// </summary>
public sealed class ConfidentialTitleSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private const string Basis = "offl. § 13";

    /// <summary>An SSU meeting whose minutes are approved, and the title of a case on it, now made confidential.</summary>
    private async Task<(Guid MeetingId, Guid CaseId, string Title)> ConfidentialCaseInApprovedMinutesAsync()
    {
        Guid meetingId, caseId;
        string title;
        await using (var db = Database.NewContext())
        {
            var ssu = await Body("SSU");
            var meeting = (await db.Meetings.AsNoTracking().Where(m => m.BodyId == ssu && m.Status == MeetingStatus.MinutesApproved).ToListAsync())
                .First(m => m.Agenda.Any(i => i.CaseId is not null));
            meetingId = meeting.Id;
            caseId = meeting.Agenda.First(i => i.CaseId is not null).CaseId!.Value;
            title = (await db.Cases.AsNoTracking().WithRecord().SingleAsync(c => c.Id == caseId)).Title;
        }
        await As("mari.hovde");
        await Service<CaseWork>().SetPublicationAsync(caseId, exempt: true, Basis);
        return (meetingId, caseId, title);
    }

    [Fact]
    public async Task Approved_minutes_show_a_confidential_case_to_an_observer_only_by_number_and_legal_basis_and_the_stored_document_never_changes()
    {
        var (meetingId, caseId, title) = await ConfidentialCaseInApprovedMinutesAsync();
        string stored;
        await using (var db = Database.NewContext())
            stored = (await db.ApprovedMinutes.AsNoTracking().SingleAsync(a => a.MeetingId == meetingId)).Document;

        await As("liv.aune");
        var minutes = (await Service<MeetingDocuments>().MinutesForReaderAsync(meetingId))!;
        var item = minutes.Items.Single(i => i.CaseId == caseId);
        Assert.True(item.Withheld);
        Assert.Equal($"Unntatt offentlighet, {Basis}", item.Title);
        Assert.NotNull(item.CaseNumber);
        Assert.Null(item.Wording);
        Assert.Null(item.Outcome);
        Assert.Empty(item.Positions);
        Assert.Empty(item.Path);
        Assert.Empty(item.Dissent);
        Assert.Empty(item.Remarks);
        Assert.Equal("", item.Prose);
        Assert.DoesNotContain(minutes.Items, i => i.Title == title);
        Assert.True(minutes.Seal!.IsIntact);

        await using (var db = Database.NewContext())
            Assert.Equal(stored, (await db.ApprovedMinutes.AsNoTracking().SingleAsync(a => a.MeetingId == meetingId)).Document);
        Assert.Contains(title, stored);
    }

    [Theory]
    [InlineData("mari.hovde")]
    [InlineData("hilde.moen")]
    public async Task The_secretariat_and_a_member_of_the_treating_body_read_a_confidential_case_in_the_minutes(string user)
    {
        var (meetingId, caseId, title) = await ConfidentialCaseInApprovedMinutesAsync();

        await As(user);
        var item = (await Service<MeetingDocuments>().MinutesForReaderAsync(meetingId))!.Items.Single(i => i.CaseId == caseId);
        Assert.False(item.Withheld);
        Assert.Equal(title, item.Title);
        Assert.NotNull(item.Wording);
    }

    [Fact]
    public async Task The_decisions_list_shows_an_observer_a_confidential_case_only_by_number_and_legal_basis()
    {
        var (_, caseId, title) = await ConfidentialCaseInApprovedMinutesAsync();

        await As("liv.aune");
        var rows = (await Service<CaseRegister>().DecisionsAsync()).Where(r => r.CaseId == caseId).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal($"Unntatt offentlighet, {Basis}", r.Title));

        await As("hilde.moen");
        Assert.All((await Service<CaseRegister>().DecisionsAsync()).Where(r => r.CaseId == caseId), r => Assert.Equal(title, r.Title));
    }

    [Fact]
    public async Task The_preparation_queue_shows_an_observer_a_confidential_case_only_by_number_and_legal_basis()
    {
        await As("mari.hovde");
        var work = Service<CaseWork>();
        const string title = "Samarbeid om en navngitt pasient i barnevernsinstitusjon";
        var caseId = await work.CreateDraftAsync(new(title, Helsefellesskap.Domain.Cases.CaseType.Decision, false,
            Helsefellesskap.Domain.Cases.CaseTag.ChildrenAndYouth, await Body("SSU"), null, "Bakgrunn.", "Vurdering.", "SSU slutter seg til tiltaket."));
        await work.RegisterAsync(caseId);
        await work.SendForPreparationAsync(caseId, await Body("FU-PHBU"));
        await work.SetPublicationAsync(caseId, exempt: true, Basis);

        await As("liv.aune");
        Assert.Equal($"Unntatt offentlighet, {Basis}", (await Service<CaseRegister>().AwaitingPreparationAsync()).Single(r => r.CaseId == caseId).Title);

        await As("trond.odegard");
        Assert.Equal(title, (await Service<CaseRegister>().AwaitingPreparationAsync()).Single(r => r.CaseId == caseId).Title);
    }

    [Fact]
    public async Task The_meeting_screens_show_an_observer_a_confidential_case_only_by_number_and_legal_basis()
    {
        var (meetingId, caseId, title) = await ConfidentialCaseInApprovedMinutesAsync();
        Helsefellesskap.App.Features.Meetings.Live.MeetingSnapshot snapshot;
        await using (var db = Database.NewContext())
            snapshot = (await Helsefellesskap.App.Features.Meetings.Live.MeetingSnapshots.LoadAsync(db, meetingId, 1))!;

        await As("liv.aune");
        var rights = await Service<Helsefellesskap.App.Features.Meetings.MeetingQueries>().RightsAsync(await Body("SSU"));
        var feature = new Helsefellesskap.App.Features.Meetings.Live.MeetingRoomFeature();
        var joined = feature.Reduce(feature.InitialState with { MeetingId = meetingId },
            new Helsefellesskap.App.Features.Meetings.Live.MeetingJoined(snapshot, rights));
        Assert.Equal($"Unntatt offentlighet, {Basis}", joined.Snapshot!.Agenda.Single(l => l.CaseId == caseId).Title);
        Assert.DoesNotContain(joined.Snapshot.Agenda, l => l.Title == title);

        await As("hilde.moen");
        var member = await Service<Helsefellesskap.App.Features.Meetings.MeetingQueries>().RightsAsync(await Body("SSU"));
        Assert.Equal(title, snapshot.As(member).Agenda.Single(l => l.CaseId == caseId).Title);
    }

    [Fact]
    public async Task The_follow_up_list_shows_an_observer_a_confidential_case_only_by_number_and_legal_basis()
    {
        var ssu = await Body("SSU");
        Guid caseId;
        string title;
        await using (var db = Database.NewContext())
        {
            var cases = await db.Cases.AsNoTracking().WithRecord().ToListAsync();
            var actions = await db.FollowUpActions.AsNoTracking().ToListAsync();
            var @case = cases.First(c => actions.Any(a => a.CaseId == c.Id && c.Treatments.Any(t => t.Id == a.TreatmentId && t.BodyId == ssu)));
            (caseId, title) = (@case.Id, @case.Title);
        }
        await As("mari.hovde");
        await Service<CaseWork>().SetPublicationAsync(caseId, exempt: true, Basis);

        await As("liv.aune");
        var rows = (await Service<Helsefellesskap.App.Features.FollowUp.FollowUpQueries>()
            .ListAsync(view: Helsefellesskap.App.Features.FollowUp.FollowUpView.All)).Where(r => r.CaseId == caseId).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal($"Unntatt offentlighet, {Basis}", r.CaseTitle));
        Assert.All(rows, r => Assert.StartsWith("SSU-sak ", r.CaseNumber));

        await As("hilde.moen");
        Assert.All((await Service<Helsefellesskap.App.Features.FollowUp.FollowUpQueries>()
            .ListAsync(view: Helsefellesskap.App.Features.FollowUp.FollowUpView.All)).Where(r => r.CaseId == caseId), r => Assert.Equal(title, r.CaseTitle));
    }

    [Fact]
    public async Task The_internal_annual_report_and_its_Word_and_CSV_show_an_observer_a_confidential_case_only_by_number_and_legal_basis()
    {
        var (_, caseId, title) = await ConfidentialCaseInApprovedMinutesAsync();
        var reports = Service<Helsefellesskap.App.Features.AnnualReport.AnnualReportQueries>();

        await As("liv.aune");
        var report = (await reports.BuildAsync("SSU", 2026))!;
        var rows = report.Decisions.Where(d => d.CaseId == caseId).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, d => Assert.Equal($"Unntatt offentlighet, {Basis}", d.Title));
        Assert.All(rows, d => Assert.Equal("", d.Wording));
        Assert.All(rows, d => Assert.StartsWith("SSU-sak ", d.Number));

        // The downloads run outside a circuit and name their reader.
        SignOut();
        var download = (await reports.BuildAsync("SSU", 2026, readerUserId: await UserId("liv.aune")))!;
        var csv = System.Text.Encoding.UTF8.GetString(Helsefellesskap.App.Features.AnnualReport.AnnualReportCsv.Create(download));
        Assert.DoesNotContain(title, csv);
        Assert.Contains($"Unntatt offentlighet, {Basis}", csv);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(
                   new MemoryStream(Helsefellesskap.App.Features.AnnualReport.AnnualReportDocument.Create(download)), false))
        {
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.DoesNotContain(title, text);
            Assert.Contains($"Unntatt offentlighet, {Basis}", text);
        }

        var member = (await reports.BuildAsync("SSU", 2026, readerUserId: await UserId("hilde.moen")))!;
        Assert.All(member.Decisions.Where(d => d.CaseId == caseId), d => Assert.Equal(title, d.Title));
    }

    [Fact]
    public async Task Oversikt_and_the_worklist_show_a_confidential_case_only_by_number_and_legal_basis_to_one_who_may_not_read_it()
    {
        // An observer given the right to record a party's local ratification has that ratification in her worklist,
        // though she may not read the case once it is confidential.
        Guid caseId, partyId, observer;
        string title;
        await using (var db = Database.NewContext())
        {
            var @case = (await db.Cases.AsNoTracking().WithRecord().ToListAsync())
                .First(c => c.Number is not null && c.Treatments.Any(t => t.Ratifications.Any(r => !r.IsSettled)));
            (caseId, title) = (@case.Id, @case.Title);
            partyId = @case.Treatments.SelectMany(t => t.Ratifications).First(r => !r.IsSettled).PartyId;
            observer = (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "liv.aune")).PersonId!.Value;
        }
        await As("admin");
        await Service<Helsefellesskap.App.Features.Ratifications.RatificationWork>().GrantRecordingAsync(observer, partyId);
        await As("liv.aune");
        var item = (await Service<Helsefellesskap.App.Features.MyWork.MyWorkQueries>().MineAsync())
            .First(i => i.Kind == Helsefellesskap.App.Features.MyWork.WorkKind.Ratification && i.Title.EndsWith(" " + title));
        var number = item.Title[..^(title.Length + 1)];

        await As("mari.hovde");
        await Service<CaseWork>().SetPublicationAsync(caseId, exempt: true, Basis);

        await As("liv.aune");
        var items = await Service<Helsefellesskap.App.Features.MyWork.MyWorkQueries>().MineAsync();
        Assert.DoesNotContain(items, i => i.Title.Contains(title));
        Assert.Contains(items, i => i.Kind == Helsefellesskap.App.Features.MyWork.WorkKind.Ratification && i.Title == $"{number} Unntatt offentlighet, {Basis}");
        Assert.Contains("-sak ", number);
    }
}
