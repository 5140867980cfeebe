using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;

namespace Helsefellesskap.Tests.Domain;

public class CaseSpecs
{
    private readonly TestPartnership p = new();

    private Case Draft(CaseType type = CaseType.Decision, string proposal = "Forslag.") =>
        new(p.Partnership.Id, p.Ssu, "Tittel", type, false, CaseTag.None, "", "", proposal, p.Secretary.Id, TestPartnership.Now);

    [Fact]
    public void A_case_number_reads_SAK_sequence_dash_year()
    {
        Assert.Equal("SAK 012-2026", new CaseNumber(2026, 12).ToString());
    }

    [Fact]
    public void Case_numbers_follow_one_another_per_body_and_year_without_gaps()
    {
        var series = new CaseNumberSeries(p.Ssu.Id, 2026);
        var numbers = Enumerable.Range(0, 3).Select(_ => { var c = Draft(); c.Register(series); return c.Number; }).ToList();

        Assert.Equal(["SAK 001-2026", "SAK 002-2026", "SAK 003-2026"], numbers.Select(n => n.ToString()));
    }

    [Fact]
    public void A_case_is_registered_once_and_keeps_its_number()
    {
        var series = new CaseNumberSeries(p.Ssu.Id, 2026);
        var c = Draft();
        c.Register(series);

        var error = Assert.Throws<DomainException>(() => c.Register(series));
        Assert.Equal("Saken er allerede registrert som SAK 001-2026.", error.Message);
        Assert.Equal(1, series.LastSequence);
    }

    [Fact]
    public void A_case_takes_its_number_from_the_body_it_is_meant_for()
    {
        var error = Assert.Throws<DomainException>(() => Draft().Register(new CaseNumberSeries(p.Au.Id, 2026)));
        Assert.Contains("utvalget saken er meldt til", error.Message);
    }

    [Fact]
    public void A_draft_has_no_number_until_it_is_registered()
    {
        var c = Draft();
        Assert.Null(c.Number);
        Assert.Equal(CaseStatus.Draft, c.Status);
    }

    [Fact]
    public void A_case_must_have_a_title()
    {
        var error = Assert.Throws<DomainException>(() =>
            new Case(p.Partnership.Id, p.Ssu, " ", CaseType.Decision, false, CaseTag.None, "", "", "Forslag.", p.Secretary.Id, TestPartnership.Now));
        Assert.Equal("Saken må ha en tittel.", error.Message);
    }

    [Fact]
    public void A_decision_case_must_have_a_proposed_decision()
    {
        var error = Assert.Throws<DomainException>(() => Draft(proposal: ""));
        Assert.Equal("En beslutningssak må ha et forslag til vedtak.", error.Message);
        Assert.Empty(Draft(CaseType.Information, proposal: "").ProposedDecision);
    }

    [Fact]
    public void Every_changed_proposed_decision_is_a_new_version()
    {
        var c = Draft();
        c.ReviseProposal("Forslag, andre utkast.", p.Secretary.Id, TestPartnership.Now);
        c.ReviseProposal("Forslag, andre utkast.", p.Secretary.Id, TestPartnership.Now);
        c.ReviseProposal("Forslag, tredje utkast.", p.Secretary.Id, TestPartnership.Now);

        Assert.Equal([1, 2, 3], c.ProposalVersions.Select(v => v.Version));
        Assert.Equal("Forslag, tredje utkast.", c.ProposedDecision);
    }

    [Fact]
    public void A_treatment_starts_from_the_current_proposed_decision()
    {
        var (c, t) = p.CaseInTreatment();
        Assert.Equal(c.ProposedDecision, t.CurrentWording.Text);
        Assert.Equal(1, t.CurrentWording.Version);
    }

    [Fact]
    public void A_case_must_be_registered_before_it_is_treated()
    {
        var error = Assert.Throws<DomainException>(() => Draft().StartTreatment(p.Ssu, TestPartnership.Today, p.Secretary.Id, TestPartnership.Now));
        Assert.Equal("Saken må registreres før den kan behandles.", error.Message);
    }

    [Fact]
    public void A_case_is_treated_by_one_body_at_a_time_and_its_treatments_form_its_path()
    {
        var (c, au) = p.CaseInTreatment(body: p.Au);
        Assert.Throws<DomainException>(() => c.StartTreatment(p.Ssu, TestPartnership.Today, p.Secretary.Id, TestPartnership.Now));

        p.Position(c, au, p.Jointly);
        p.Position(c, au, p.Hospital);
        c.CloseTreatment(au.Id, TestPartnership.Now, null, p.AllParties);
        Assert.Equal(CaseStatus.Recommended, c.Status);

        var ssu = c.StartTreatment(p.Ssu, TestPartnership.Today.AddDays(14), p.Secretary.Id, TestPartnership.Now);
        Assert.Equal(["AU", "SSU"], c.Treatments.Select(t => t.BodyName));
        Assert.Equal(CaseStatus.UnderTreatment, c.Status);
        Assert.NotEqual(au.RequiredParties, ssu.RequiredParties);
    }

    [Fact]
    public void The_type_of_a_case_cannot_change_once_it_has_been_treated()
    {
        var (c, _) = p.CaseInTreatment();
        Assert.Throws<DomainException>(() => c.Edit(c.Title, CaseType.Information, false, CaseTag.None, "", ""));
    }

    [Fact]
    public void Tags_combine_the_patient_groups_and_focus_areas()
    {
        var tags = CaseTag.ChildrenAndYouth | CaseTag.Digitalisation;
        Assert.Equal([CaseTag.ChildrenAndYouth, CaseTag.Digitalisation], tags.Split());
        Assert.Equal(8, CaseTags.All.Count);
    }
}
