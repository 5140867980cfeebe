using Helsefellesskap.App.Features.Cases;
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
            title = (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId)).Title;
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
}
