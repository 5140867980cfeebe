using Helsefellesskap.App.Features.FollowUp;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.FollowUp;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.FollowUp;

/// <summary>Follow-up through the app's services on the seeded demo database (today is 22.11.2026).</summary>
public sealed class FollowUpWorkSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private FollowUpWork Work => Service<FollowUpWork>();
    private FollowUpQueries Queries => Service<FollowUpQueries>();

    private async Task<(Guid CaseId, Guid TreatmentId)> Decision(string title)
    {
        await using var db = Database.NewContext();
        var c = await db.Cases.WithRecord().SingleAsync(x => x.Title == title);
        return (c.Id, c.Treatments.Last(FollowUpAction.IsDecision).Id);
    }

    private async Task<Guid> PersonOf(string userName)
    {
        await using var db = Database.NewContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.PersonId!.Value).SingleAsync();
    }

    [Fact]
    public async Task The_open_actions_list_the_overdue_one_first_and_leave_out_the_completed_one()
    {
        await As("hilde.moen");
        var rows = await Queries.ListAsync();

        Assert.Equal(4, rows.Count);
        Assert.True(rows[0].IsOverdue);
        Assert.Equal("Sende kolsforløpet til politisk behandling i alle kommunene", rows[0].What);
        Assert.All(rows.Skip(1), r => Assert.False(r.IsOverdue));
        Assert.Equal(rows.Skip(1).Select(r => r.Deadline).Order(), rows.Skip(1).Select(r => r.Deadline));
        Assert.DoesNotContain(rows, r => r.Status == FollowUpStatus.Completed);
        Assert.Single(await Queries.ListAsync(view: FollowUpView.Completed));
    }

    [Fact]
    public async Task The_list_filters_by_owner_party_and_status()
    {
        await As("hilde.moen");
        var hospital = await Party("Sykehuset Innlandet HF");

        var rows = await Queries.ListAsync(hospital, FollowUpView.All);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("Sykehuset Innlandet HF", r.OwnerParty));
        Assert.Single(await Queries.ListAsync(hospital, FollowUpView.NotStarted));
    }

    [Fact]
    public async Task The_secretariat_creates_an_action_on_a_decision_and_a_member_is_refused()
    {
        var (caseId, treatmentId) = await Decision("Etablering av fagutvalg for psykisk helse barn og unge (pilot)");
        var input = new FollowUpInput("Gi de minste kommunene plass i fagutvalget", await Party("Helseregion Valdres"),
            await PersonOf("siri.braaten"), new DateOnly(2027, 2, 1), "Handlingsplan, mål 2", "https://example.no/plan");

        await As("hilde.moen");
        var refusal = await Assert.ThrowsAsync<DomainException>(() => Work.CreateAsync(caseId, treatmentId, input));
        Assert.Equal("Bare sekretariatet kan opprette oppfølgingstiltak.", refusal.Message);

        await As("mari.hovde");
        var id = await Work.CreateAsync(caseId, treatmentId, input);

        var row = Assert.Single(await Queries.ListAsync(caseId: caseId), r => r.Id == id);
        Assert.Equal(("Helseregion Valdres", "Siri Bråten", FollowUpStatus.NotStarted), (row.OwnerParty, row.OwnerPerson, row.Status));
        Assert.Equal("https://example.no/plan", row.Goal!.Url);
        // The audit trail of the decision's case records the new action with every value, its goal included.
        await using var db = Database.NewContext();
        var record = await db.AuditRecords.SingleAsync(r => r.EntityType == "FollowUpAction" && r.EntityId == id.ToString());
        Assert.Equal(("Oppfølgingstiltak opprettet", caseId), (record.Action, record.CaseId));
        Assert.Contains("https://example.no/plan", record.After);
    }

    [Fact]
    public async Task The_owner_reports_progress_on_their_own_action_and_another_member_is_refused()
    {
        await As("silje.vang");
        var id = (await Queries.ListAsync()).Single(r => r.OwnerPerson == "Silje Vang").Id;

        await As("trond.odegard");
        await Assert.ThrowsAsync<DomainException>(() => Work.UpdateProgressAsync(id, FollowUpStatus.InProgress, 50, null));

        await As("silje.vang");
        await Work.UpdateProgressAsync(id, FollowUpStatus.InProgress, 50, "Spørreundersøkelse sendt.");
        await Work.UpdateProgressAsync(id, FollowUpStatus.Completed, 0, "Evalueringen er lagt fram.");

        var row = (await Queries.ListAsync(view: FollowUpView.All)).Single(r => r.Id == id);
        Assert.Equal((FollowUpStatus.Completed, 100, "Evalueringen er lagt fram."), (row.Status, row.ProgressPercent, row.ProgressNote));
        await Assert.ThrowsAsync<DomainException>(() => Work.UpdateProgressAsync(id, FollowUpStatus.Cancelled, 0, "Likevel ikke."));
    }

    [Fact]
    public async Task A_mandate_to_the_professional_committee_creates_a_draft_case_there_followed_up_by_its_chair()
    {
        var (caseId, treatmentId) = await Decision("Pasientforløp for personer med kols i Innlandet");
        await As("mari.hovde");

        var (actionId, mandateCaseId) = await Work.GiveMandateAsync(caseId, treatmentId,
            new MandateInput(await Body("FU-PHBU"), "Prosjekt: overgang fra BUP til kommunen", "Fagutvalget utreder en felles overgangsrutine.", new DateOnly(2027, 5, 1)));

        await using var db = Database.NewContext();
        var mandate = await db.Cases.WithRecord().SingleAsync(c => c.Id == mandateCaseId);
        Assert.Equal((CaseStatus.Draft, await Body("FU-PHBU")), (mandate.Status, mandate.BodyId));
        Assert.Contains($"/saker/{caseId}#behandling-{treatmentId}", mandate.Background);
        Assert.Equal("Fagutvalget utreder en felles overgangsrutine.", mandate.ProposedDecision);
        var row = (await Queries.ListAsync(caseId: caseId)).Single(r => r.Id == actionId);
        Assert.Equal((mandateCaseId, "Silje Vang", "Helseregion Hamar"), (row.MandateCaseId!.Value, row.OwnerPerson, row.OwnerParty));
    }
}
