using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;

namespace Helsefellesskap.Tests.Domain.Cases;

public class PositionSpecs
{
    private readonly TestPartnership p = new();

    [Fact]
    public void A_remark_is_required_to_agree_with_remark()
    {
        var (c, t) = p.CaseInTreatment();

        var error = Assert.Throws<DomainException>(() => p.Position(c, t, p.North, PositionKind.AgreeWithRemark, "  "));
        Assert.Equal("Et standpunkt «enig med merknad» må ha en merknad.", error.Message);
        Assert.Empty(t.Positions);
    }

    [Fact]
    public void A_reason_is_required_to_disagree()
    {
        var (c, t) = p.CaseInTreatment();

        var error = Assert.Throws<DomainException>(() => p.Position(c, t, p.North, PositionKind.Disagree));
        Assert.Equal("Et standpunkt «uenig» må begrunnes.", error.Message);
    }

    [Fact]
    public void The_remark_and_the_reason_are_recorded_with_the_position()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North, PositionKind.AgreeWithRemark, " Forutsetter opplæring. ");
        p.Position(c, t, p.South, PositionKind.Disagree, "Mangler finansiering.");

        Assert.Equal("Forutsetter opplæring.", t.Positions[0].Text);
        Assert.Equal("Mangler finansiering.", t.Positions[1].Text);
    }

    [Fact]
    public void Agreeing_subject_to_local_ratification_needs_no_note()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North, PositionKind.AgreeSubjectToRatification);

        Assert.Single(t.CurrentPositions);
    }

    [Fact]
    public void Only_a_party_that_must_agree_in_the_body_can_state_a_position()
    {
        var (c, t) = p.CaseInTreatment();

        var error = Assert.Throws<DomainException>(() => p.Position(c, t, p.Municipalities[0]));
        Assert.Equal("Nordby er ikke en part som skal bli enig i SSU.", error.Message);
    }

    [Fact]
    public void A_later_position_replaces_the_earlier_one_and_the_history_stays()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North, PositionKind.Disagree, "Trenger mer tid.");
        p.Position(c, t, p.North);

        Assert.Equal(2, t.Positions.Count);
        Assert.True(t.Positions[0].IsReplaced);
        Assert.Equal(PositionKind.Agree, Assert.Single(t.CurrentPositions).Kind);
    }

    [Fact]
    public void The_same_position_registered_twice_counts_once()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North, PositionKind.AgreeWithRemark, "Merknad.");
        p.Position(c, t, p.North, PositionKind.AgreeWithRemark, "Merknad.");

        Assert.Single(t.Positions);
    }

    [Fact]
    public void A_position_on_a_closed_treatment_is_refused()
    {
        var (c, t) = p.CaseInTreatment();
        foreach (var party in new[] { p.North, p.South, p.Hospital }) p.Position(c, t, party);
        c.CloseTreatment(t.Id, TestPartnership.Now, null, p.AllParties);

        var error = Assert.Throws<DomainException>(() => p.Position(c, t, p.North, PositionKind.Disagree, "For sent."));
        Assert.Contains("avsluttet", error.Message);
    }

    [Fact]
    public void A_position_registered_by_the_secretariat_says_it_was_on_the_party_s_behalf()
    {
        var (c, t) = p.CaseInTreatment();
        c.RegisterPosition(t.Id, p.North, 1, PositionKind.Agree, null, p.Secretary.Id, onBehalf: true, TestPartnership.Now);

        Assert.True(t.Positions[0].RegisteredOnBehalf);
        Assert.Equal(p.Secretary.Id, t.Positions[0].RegisteredByPersonId);
    }

    [Fact]
    public void The_wording_cannot_be_amended_to_an_empty_or_unchanged_text_or_after_closing()
    {
        var (c, t) = p.CaseInTreatment(type: CaseType.Information);

        Assert.Throws<DomainException>(() => c.AmendWording(t.Id, " ", p.Secretary.Id, TestPartnership.Now));
        Assert.Throws<DomainException>(() => c.AmendWording(t.Id, t.CurrentWording.Text, p.Secretary.Id, TestPartnership.Now));
        c.CloseTreatment(t.Id, TestPartnership.Now, null, p.AllParties);
        Assert.Throws<DomainException>(() => c.AmendWording(t.Id, "Ny tekst.", p.Secretary.Id, TestPartnership.Now));
    }
}
