using Helsefellesskap.App.Data.Seeding;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Ratifications;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Ratifications;

/// <summary>Recording local ratification through the app's services, on the seeded demo decisions.</summary>
public sealed class RatificationWorkSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private RatificationWork Work => Service<RatificationWork>();
    private RatificationQueries Queries => Service<RatificationQueries>();

    private async Task<(Guid CaseId, Guid TreatmentId)> Decision(string title)
    {
        await using var db = Database.NewContext();
        var @case = await db.Cases.WithRecord().SingleAsync(c => c.Title == title);
        return (@case.Id, @case.Treatments.Single(t => t.Ratifications.Count > 0).Id);
    }

    private Task<(Guid CaseId, Guid TreatmentId)> Copd() => Decision("Pasientforløp for personer med kols i Innlandet");
    private Task<(Guid CaseId, Guid TreatmentId)> HeartFailure() => Decision(AfterDecisionSeeding.ReservedDecisionTitle);

    private async Task<Case> Reload(Guid caseId)
    {
        await using var db = Database.NewContext();
        return await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
    }

    private static RatificationEntry Ratified(string body = "Kommunestyret") => new(RatificationStatus.Ratified, body, "PS 51/26", Today);

    [Fact]
    public async Task The_demo_COPD_decision_shows_its_progress_by_region_and_who_is_late()
    {
        await As("mari.hovde");
        var (_, treatment) = await Copd();

        var decision = (await Queries.ForDecisionAsync(treatment))!;

        Assert.Equal("Forankret i 30 av 43", decision.Board.Summary);
        Assert.Equal(8, decision.Board.Groups.Count);
        Assert.Equal("Sykehuset Innlandet HF", decision.Board.Groups[0].Name);
        Assert.All(decision.Board.Groups.Skip(1), g => Assert.StartsWith("Helseregion ", g.Name));
        Assert.Equal(3, decision.Board.Late.Count);
        Assert.All(decision.Board.Late, i => Assert.Equal(RatificationStatus.UnderTreatment, i.Status));
        Assert.Equal(43, decision.Board.Recordable.Count);
    }

    [Fact]
    public async Task The_secretariat_records_the_last_ratifications_and_the_decision_becomes_binding()
    {
        await As("mari.hovde");
        var (caseId, treatment) = await HeartFailure();
        var waiting = (await Queries.ForDecisionAsync(treatment))!.Board.Groups.SelectMany(g => g.Items).Where(i => !i.IsRatified).ToList();
        Assert.Equal(["Sykehuset Innlandet HF", "Tolga"], waiting.Select(i => i.PartyName));

        await Work.RecordAsync(treatment, waiting[0].PartyId, Ratified("Styret i Sykehuset Innlandet HF"));
        Assert.Equal(CaseStatus.AdoptedPendingRatification, (await Reload(caseId)).Status);
        await Work.RecordAsync(treatment, waiting[1].PartyId, Ratified());

        Assert.Equal(CaseStatus.Binding, (await Reload(caseId)).Status);
        var decisions = await Service<CaseRegister>().DecisionsAsync(outcome: Outcome.Binding);
        Assert.Contains(decisions, d => d.TreatmentId == treatment);
    }

    [Fact]
    public async Task Parties_recording_their_ratification_of_one_decision_at_the_same_moment_are_all_recorded()
    {
        // Each recording changes the same case. On SQLite the write gate keeps the saves apart; on PostgreSQL (two app
        // servers) a decision's recordings take turns in the database, or all but one would find the case changed.
        await As("mari.hovde");
        var (caseId, treatment) = await Copd();
        var waiting = (await Queries.ForDecisionAsync(treatment))!.Board.Groups.SelectMany(g => g.Items).Where(i => !i.IsRatified)
            .Select(i => i.PartyId).Take(6).ToList();
        Assert.Equal(6, waiting.Count);

        await Task.WhenAll(waiting.Select(party => Task.Run(() => Work.RecordAsync(treatment, party, Ratified()))));

        var recorded = (await Reload(caseId)).Treatments.Single(t => t.Id == treatment).Ratifications;
        Assert.All(waiting, party => Assert.Equal(RatificationStatus.Ratified, recorded.Single(r => r.PartyId == party).Status));
    }

    [Fact]
    public async Task A_rejection_makes_the_decision_not_adopted_and_puts_the_case_back_before_SSU()
    {
        await As("mari.hovde");
        var (caseId, treatment) = await HeartFailure();
        var tolga = await Party("Tolga");

        await Work.RecordAsync(treatment, tolga, new(RatificationStatus.Rejected, "Kommunestyret", "PS 60/26", Today,
            "https://www.tolga.kommune.no/politikk/ps-60-26", Comment: "Kommunen har ikke kapasitet til faste kontroller."));

        Assert.Equal(CaseStatus.NotAdopted, (await Reload(caseId)).Status);
        var ready = await Service<CaseRegister>().ReadyForAgendaAsync();
        Assert.Contains(ready, r => r.CaseId == caseId && r.BodyShortName == "SSU");
    }

    [Fact]
    public async Task Every_change_to_a_ratification_is_kept_in_the_audit_trail_with_the_values_before_and_after()
    {
        await As("mari.hovde");
        var (caseId, treatment) = await HeartFailure();

        await Work.RecordAsync(treatment, await Party("Tolga"), new(RatificationStatus.UnderTreatment, "Kommunestyret", Deadline: new DateOnly(2027, 1, 31)));

        await using var db = Database.NewContext();
        var record = await db.AuditRecords.AsNoTracking().Where(r => r.EntityType == "Ratification").OrderByDescending(r => r.Sequence).FirstAsync();
        Assert.Equal("Forankring registrert for Tolga: Til behandling", record.Action);
        Assert.Equal(caseId, record.CaseId);
        Assert.Contains("\"Status\":\"Sent\"", record.Before);
        Assert.Contains("\"Status\":\"UnderTreatment\"", record.After);
        Assert.Contains("2027-01-31", record.After);
    }

    [Fact]
    public async Task A_broken_rule_is_refused_in_Norwegian_and_nothing_is_saved()
    {
        await As("mari.hovde");
        var (caseId, treatment) = await HeartFailure();
        var tolga = await Party("Tolga");
        var before = await DatabaseFingerprint.OfAsync(Database.Path);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Work.RecordAsync(treatment, tolga, new(RatificationStatus.Ratified, "Kommunestyret", null, null)));

        Assert.StartsWith("Oppgi møtedatoen da Tolga behandlet saken", error.Message);
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(Database.Path));
        Assert.Equal(CaseStatus.AdoptedPendingRatification, (await Reload(caseId)).Status);
    }

    [Fact]
    public async Task A_member_without_leave_cannot_record_a_ratification()
    {
        await As("jon.tangen");
        var (_, treatment) = await HeartFailure();
        var tolga = await Party("Tolga");

        var error = await Assert.ThrowsAsync<DomainException>(() => Work.RecordAsync(treatment, tolga, Ratified()));

        Assert.Equal("Bare sekretariatet, eller en bruker administrator har gitt tillatelse for Tolga, kan registrere forankring for Tolga.", error.Message);
    }

    [Fact]
    public async Task A_municipality_s_own_user_with_leave_records_its_own_ratification_and_no_other()
    {
        await As("kd.gran");
        var (_, treatment) = await Copd();
        var decision = (await Queries.ForDecisionAsync(treatment))!;
        Assert.Equal(["Gran"], decision.Board.Recordable.Select(i => i.PartyName));

        await Work.RecordAsync(treatment, await Party("Gran"), Ratified());
        await Assert.ThrowsAsync<DomainException>(async () => await Work.RecordAsync(treatment, await Party("Gjøvik"), Ratified()));

        var gran = (await Queries.ForDecisionAsync(treatment))!.Board.Groups.SelectMany(g => g.Items).Single(i => i.PartyName == "Gran");
        Assert.Equal(RatificationStatus.Ratified, gran.Status);
    }

    [Fact]
    public async Task An_administrator_gives_and_takes_leave_to_record_a_party_s_ratification()
    {
        var person = await PersonOf("kd.tolga");
        var tolga = await Party("Tolga");
        var (_, treatment) = await HeartFailure();
        await As("admin");

        await Work.GrantRecordingAsync(person, tolga);
        Assert.Equal(["Tolga"], (await Queries.GrantsAsync(person)).Select(g => g.PartyName));
        await As("kd.tolga");
        await Work.RecordAsync(treatment, tolga, new(RatificationStatus.UnderTreatment, "Kommunestyret"));

        await As("admin");
        await Work.RevokeRecordingAsync(person, tolga);
        await As("kd.tolga");
        await Assert.ThrowsAsync<DomainException>(() => Work.RecordAsync(treatment, tolga, Ratified()));
    }

    [Fact]
    public async Task The_secretariat_cannot_give_leave_to_record_ratification()
    {
        var person = await PersonOf("kd.tolga");
        await As("mari.hovde");

        var error = await Assert.ThrowsAsync<DomainException>(async () => await Work.GrantRecordingAsync(person, await Party("Tolga")));

        Assert.Equal("Bare en administrator kan gi en bruker tillatelse til å registrere forankring.", error.Message);
    }

    [Fact]
    public async Task The_secretariat_records_a_deadline_for_several_parties_at_once()
    {
        await As("mari.hovde");
        var (_, treatment) = await Copd();
        var waiting = (await Queries.ForDecisionAsync(treatment))!.Board.Groups.SelectMany(g => g.Items)
            .Where(i => i.Status == RatificationStatus.Sent).ToList();

        await Work.RecordManyAsync(treatment, waiting.Select(i => i.PartyId).ToList(), new(RatificationStatus.Sent, Deadline: new DateOnly(2027, 2, 1)));

        var after = (await Queries.ForDecisionAsync(treatment))!.Board.Groups.SelectMany(g => g.Items).Where(i => i.Status == RatificationStatus.Sent);
        Assert.All(after, i => Assert.Equal(new DateOnly(2027, 2, 1), i.Deadline));
    }

    private async Task<Guid> PersonOf(string userName)
    {
        await using var db = Database.NewContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.PersonId!.Value).SingleAsync();
    }
}
