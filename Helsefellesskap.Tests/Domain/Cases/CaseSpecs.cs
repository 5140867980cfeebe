using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Cases;

public class CaseSpecs
{
    private readonly TestPartnership p = new();

    private Case Draft(CaseType type = CaseType.Decision, string proposal = "Forslag.") =>
        new(p.Partnership.Id, p.Ssu, "Tittel", type, false, CaseTag.None, "", "", proposal, p.Secretary.Id, TestPartnership.Now);

    [Fact]
    public void A_case_number_always_names_its_body_because_each_body_numbers_from_one()
    {
        Assert.Equal("SSU-sak 012/2026", new CaseNumber(2026, 12).In("SSU"));
        Assert.Equal("AU-sak 001/2026", CaseNumber.Display("AU", 1, 2026));
        Assert.NotEqual(new CaseNumber(2026, 1).In("SSU"), new CaseNumber(2026, 1).In("AU"));
    }

    [Theory]
    [InlineData("SSU-sak 1/2026", "SSU", 1, 2026)]
    [InlineData("ssu-sak 001/2026", "ssu", 1, 2026)]
    [InlineData("SSU sak 12/2026", "SSU", 12, 2026)]
    [InlineData("FU-PHBU-sak 003/2026", "FU-PHBU", 3, 2026)]
    [InlineData("001/2026", null, 1, 2026)]
    [InlineData("SAK 001-2026", null, 1, 2026)]
    public void A_typed_case_number_is_read_with_or_without_its_body_and_in_the_old_form(string typed, string? body, int sequence, int year)
    {
        Assert.True(CaseNumber.TryParse(typed, out var readBody, out var number));
        Assert.Equal(body, readBody);
        Assert.Equal(new CaseNumber(year, sequence), number);
    }

    [Theory]
    [InlineData("kols")]
    [InlineData("2026")]
    [InlineData("plan 2022-2026")]
    public void Words_and_years_are_not_case_numbers(string typed) => Assert.False(CaseNumber.TryParse(typed, out _, out _));

    [Fact]
    public void Case_numbers_follow_one_another_per_body_and_year_without_gaps()
    {
        var series = new CaseNumberSeries(p.Ssu.Id, 2026);
        var numbers = Enumerable.Range(0, 3).Select(_ => { var c = Draft(); c.Register(series); return c.Number; }).ToList();

        Assert.Equal(["SSU-sak 001/2026", "SSU-sak 002/2026", "SSU-sak 003/2026"], numbers.Select(n => n!.Value.In("SSU")));
    }

    [Fact]
    public void A_case_is_registered_once_and_keeps_its_number()
    {
        var series = new CaseNumberSeries(p.Ssu.Id, 2026);
        var c = Draft();
        c.Register(series);

        var error = Assert.Throws<DomainException>(() => c.Register(series));
        Assert.Equal("Saken er allerede registrert som 001/2026.", error.Message);
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
        Assert.Equal(Case.TitleField, error.Field);
    }

    [Theory]
    [InlineData("Tittel\tmed tabulator")]
    [InlineData("En tittel som er for lang")]
    public void A_refused_title_names_the_title_field_so_the_editor_shows_it_there(string title)
    {
        if (title.StartsWith("En ")) title = title.PadRight(201, 'x');
        var c = Draft();

        var error = Assert.Throws<DomainException>(() => c.Edit(title, CaseType.Decision, false, CaseTag.None, "", "", p.Secretary.Id, TestPartnership.Now));
        Assert.Equal(Case.TitleField, error.Field);
    }

    [Fact]
    public void A_refused_proposed_decision_names_the_proposal_field_and_other_rules_name_none()
    {
        var c = Draft();

        var tooLong = Assert.Throws<DomainException>(() => c.ReviseProposal(new string('x', Plausible.LongTextMaxLength + 1), p.Secretary.Id, TestPartnership.Now));
        Assert.Equal(Case.ProposalField, tooLong.Field);
        var background = Assert.Throws<DomainException>(() => c.Edit("Tittel", CaseType.Decision, false, CaseTag.None, new string('x', Plausible.LongTextMaxLength + 1), "", p.Secretary.Id, TestPartnership.Now));
        Assert.Null(background.Field);
    }

    [Fact]
    public void A_decision_case_must_have_a_proposed_decision_before_it_is_registered()
    {
        var draft = Draft(proposal: "");
        var series = new CaseNumberSeries(p.Ssu.Id, 2026);

        var error = Assert.Throws<DomainException>(() => draft.Register(series));
        Assert.Equal("En beslutningssak må ha et forslag til vedtak før den registreres.", error.Message);
        Assert.Equal(Case.ProposalField, error.Field);
        Assert.Equal(0, series.LastSequence);
        Assert.Null(draft.Number);
    }

    [Fact]
    public void A_registered_decision_case_cannot_lose_its_proposed_decision()
    {
        var c = Draft();
        c.Register(new CaseNumberSeries(p.Ssu.Id, 2026));

        var error = Assert.Throws<DomainException>(() => c.ReviseProposal(" ", p.Secretary.Id, TestPartnership.Now));
        Assert.Equal("En beslutningssak må ha et forslag til vedtak.", error.Message);
        Assert.Equal(Case.ProposalField, error.Field);
    }

    [Fact]
    public void An_information_case_needs_no_proposed_decision()
    {
        var c = Draft(CaseType.Information, proposal: "");
        c.Register(new CaseNumberSeries(p.Ssu.Id, 2026));
        Assert.Empty(c.ProposedDecision);
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
        c.CloseTreatment(au.Id, TestPartnership.Now, null, p.AllParties, forwardTo: p.Ssu);
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
        Assert.Throws<DomainException>(() => c.Edit(c.Title, CaseType.Information, false, CaseTag.None, "", "", p.Secretary.Id, TestPartnership.Now));
    }

    [Fact]
    public void Tags_combine_the_patient_groups_and_focus_areas()
    {
        var tags = CaseTag.ChildrenAndYouth | CaseTag.Digitalisation;
        Assert.Equal([CaseTag.ChildrenAndYouth, CaseTag.Digitalisation], tags.Split());
        Assert.Equal(8, CaseTags.All.Count);
    }
}

public class PreparationSpecs
{
    private readonly TestPartnership p = new();

    private (Case Case, Treatment Au) InTheWorkingCommittee()
    {
        var c = p.NewCase();
        return (c, c.StartTreatment(p.Au, TestPartnership.Today, p.Secretary.Id, TestPartnership.Now));
    }

    [Fact]
    public void The_working_committee_can_send_a_case_back_to_the_secretariat_with_a_comment()
    {
        var (c, au) = InTheWorkingCommittee();

        c.SendBack(au.Id, "Konsekvensene for kommunene må beskrives.", TestPartnership.Now);

        Assert.Equal(Outcome.SentBack, au.Outcome);
        Assert.Equal(CaseStatus.SentBack, c.Status);
        Assert.Equal("Konsekvensene for kommunene må beskrives.", au.SentBackComment);
        Assert.Null(c.ReadyForBodyId);
    }

    [Fact]
    public void Sending_a_case_back_requires_a_comment()
    {
        var (c, au) = InTheWorkingCommittee();

        var error = Assert.Throws<DomainException>(() => c.SendBack(au.Id, "  ", TestPartnership.Now));
        Assert.Equal("Skriv en kommentar som forteller sekretariatet hva som må endres.", error.Message);
    }

    [Fact]
    public void A_deciding_body_does_not_send_cases_back_to_the_secretariat()
    {
        var (c, ssu) = p.CaseInTreatment();
        Assert.Throws<DomainException>(() => c.SendBack(ssu.Id, "Tilbake.", TestPartnership.Now));
    }

    [Fact]
    public void An_agreed_recommendation_is_put_forward_to_a_deciding_body_where_it_is_ready_for_an_agenda()
    {
        var (c, au) = InTheWorkingCommittee();
        c.AmendWording(au.Id, "AU innstiller: SSU slutter seg til prosedyren.", p.Secretary.Id, TestPartnership.Now);
        p.Position(c, au, p.Jointly);
        p.Position(c, au, p.Hospital);

        Assert.Throws<DomainException>(() => c.CloseTreatment(au.Id, TestPartnership.Now, null, p.AllParties));
        Assert.Throws<DomainException>(() => c.CloseTreatment(au.Id, TestPartnership.Now, null, p.AllParties, forwardTo: p.Fagutvalg));
        c.CloseTreatment(au.Id, TestPartnership.Now, null, p.AllParties, forwardTo: p.Ssu);

        Assert.Equal(Outcome.Recommendation, au.Outcome);
        Assert.Equal(p.Ssu.Id, c.ReadyForBodyId);
        Assert.Equal("SSU", au.ForwardedToBodyName);
        Assert.Equal("AU innstiller: SSU slutter seg til prosedyren.", au.CurrentWording.Text);
    }

    [Fact]
    public void A_case_sent_back_can_be_revised_and_prepared_again()
    {
        var (c, au) = InTheWorkingCommittee();
        c.SendBack(au.Id, "Mer om økonomi.", TestPartnership.Now);
        c.ReviseProposal("SSU slutter seg til prosedyren og fordeler kostnadene likt.", p.Secretary.Id, TestPartnership.Now);

        var again = c.StartTreatment(p.Au, TestPartnership.Today.AddDays(7), p.Secretary.Id, TestPartnership.Now);

        Assert.Equal("SSU slutter seg til prosedyren og fordeler kostnadene likt.", again.CurrentWording.Text);
        Assert.Equal(2, c.Treatments.Count(t => t.BodyName == "AU"));
    }

    [Fact]
    public void A_registered_case_keeps_the_body_that_numbered_it_while_a_draft_may_be_meant_for_another()
    {
        var draft = new Case(p.Partnership.Id, p.Ssu, "Utkast", CaseType.Decision, false, CaseTag.None, "", "", "Forslag.", p.Secretary.Id, TestPartnership.Now);
        var pm = new Body(p.Partnership.Id, BodyKind.PartnershipMeeting, "Partnerskapsmøtet", "PM");
        draft.MeantFor(pm);
        Assert.Equal(pm.Id, draft.BodyId);

        var registered = p.NewCase();
        Assert.Throws<DomainException>(() => registered.MeantFor(pm));
    }
}

public class PublicationSpecs
{
    private readonly TestPartnership p = new();

    [Fact]
    public void A_case_is_public_unless_exempted()
    {
        Assert.False(p.NewCase().IsExemptFromPublication);
    }

    [Fact]
    public void An_exemption_from_publication_must_name_its_legal_basis()
    {
        var c = p.NewCase();

        var error = Assert.Throws<DomainException>(() => c.SetPublication(true, " ", p.Secretary.Id, TestPartnership.Now));
        Assert.Equal("Oppgi hjemmel for å unnta saken fra offentlighet, for eksempel «offl. § 14».", error.Message);

        c.SetPublication(true, "offl. § 14", p.Secretary.Id, TestPartnership.Now);
        Assert.True(c.IsExemptFromPublication);
        Assert.Equal("offl. § 14", c.ExemptionBasis);

        c.SetPublication(false, "offl. § 14", p.Secretary.Id, TestPartnership.Now);
        Assert.Null(c.ExemptionBasis);
    }

    [Theory]
    [InlineData("Tittel med\vvertikal tabulator")]
    [InlineData("Tittel med\nlinjeskift")]
    [InlineData("Tittel med\u0001kontrolltegn")]
    public void A_case_title_is_one_line_without_control_characters(string title)
    {
        var c = p.NewCase();

        var error = Assert.Throws<DomainException>(() => c.Edit(title, c.Type, c.IsPrincipled, c.Tags, c.Background, c.Assessment, p.Secretary.Id, TestPartnership.Now));

        Assert.Equal("Tittelen kan ikke inneholde linjeskift, tabulator eller andre kontrolltegn.", error.Message);
    }
}
