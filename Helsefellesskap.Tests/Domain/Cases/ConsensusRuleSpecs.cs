using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Cases;

/// <summary>The consensus principle (konsensusprinsippet), as the partnership agreement states it.</summary>
public class ConsensusRuleSpecs
{
    private readonly TestPartnership p = new();

    [Fact]
    public void Decision_is_binding_only_when_every_party_agrees()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North);
        p.Position(c, t, p.South);
        Assert.Equal(Outcome.NoConsensus, t.Outcome);

        p.Position(c, t, p.Hospital, PositionKind.AgreeWithRemark, "Vi ber om evaluering etter ett år.");

        Assert.Equal(Outcome.Binding, t.Outcome);
    }

    [Fact]
    public void A_missing_party_means_no_consensus()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North);
        p.Position(c, t, p.Hospital);

        Assert.Equal(Outcome.NoConsensus, t.Outcome);
        Assert.Equal([p.South.Id], t.Tally.Missing);
    }

    [Fact]
    public void Any_disagreement_means_no_consensus()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North);
        p.Position(c, t, p.Hospital);
        p.Position(c, t, p.South, PositionKind.Disagree, "Kostnadene for kommunene er ikke utredet.");

        Assert.Equal(Outcome.NoConsensus, t.Outcome);
        Assert.Equal([p.South.Id], t.Tally.Disagreeing);
    }

    [Fact]
    public void A_party_that_agrees_subject_to_local_ratification_makes_the_decision_pending_ratification()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North);
        p.Position(c, t, p.Hospital);
        p.Position(c, t, p.South, PositionKind.AgreeSubjectToRatification);

        Assert.Equal(Outcome.AdoptedPendingRatification, t.Outcome);
    }

    [Fact]
    public void A_principled_case_is_adopted_pending_ratification_even_when_every_party_agrees()
    {
        var (c, t) = p.CaseInTreatment(principled: true);
        foreach (var party in new[] { p.North, p.South, p.Hospital }) p.Position(c, t, party);

        Assert.Equal(Outcome.AdoptedPendingRatification, t.Outcome);
    }

    [Fact]
    public void A_principled_decision_is_ratified_by_every_municipality_and_the_hospital_not_by_the_regions()
    {
        var (c, t) = p.CaseInTreatment(principled: true);
        foreach (var party in new[] { p.North, p.South, p.Hospital }) p.Position(c, t, party);
        c.CloseTreatment(t.Id, TestPartnership.Now, null, p.AllParties);

        var ratifying = t.Ratifications.Select(r => r.PartyId).ToHashSet();
        Assert.Equal([p.Hospital.Id, .. p.Municipalities.Select(m => m.Id)], ratifying);
    }

    [Fact]
    public void Only_the_parties_that_reserved_ratify_a_decision_that_is_not_principled()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North);
        p.Position(c, t, p.Hospital);
        p.Position(c, t, p.South, PositionKind.AgreeSubjectToRatification);
        c.CloseTreatment(t.Id, TestPartnership.Now, null, p.AllParties);

        var southMunicipalities = p.Municipalities.Where(m => m.RegionId == p.South.Id).Select(m => m.Id);
        Assert.Equal(southMunicipalities.ToHashSet(), t.Ratifications.Select(r => r.PartyId).ToHashSet());
    }

    [Fact]
    public void A_decision_pending_ratification_becomes_binding_when_every_required_party_has_ratified()
    {
        var (c, t) = p.CaseInTreatment(principled: true);
        foreach (var party in new[] { p.North, p.South, p.Hospital }) p.Position(c, t, party);
        c.CloseTreatment(t.Id, TestPartnership.Now, null, p.AllParties);

        var ratifiers = p.AllParties.Where(x => t.Ratifications.Any(r => r.PartyId == x.Id)).ToList();
        foreach (var party in ratifiers.Skip(1))
            c.RecordRatification(t.Id, party, new(RatificationStatus.Ratified, "Kommunestyret", "PS 12/26", TestPartnership.Today), p.Secretary.Id, TestPartnership.Now);
        Assert.Equal(Outcome.AdoptedPendingRatification, t.Outcome);

        c.RecordRatification(t.Id, ratifiers[0], new(RatificationStatus.Ratified, "Kommunestyret", null, TestPartnership.Today), p.Secretary.Id, TestPartnership.Now);
        Assert.Equal(Outcome.Binding, t.Outcome);
    }

    [Fact]
    public void A_rejection_in_local_ratification_means_the_decision_is_not_adopted()
    {
        var (c, t) = p.CaseInTreatment(principled: true);
        foreach (var party in new[] { p.North, p.South, p.Hospital }) p.Position(c, t, party);
        c.CloseTreatment(t.Id, TestPartnership.Now, null, p.AllParties);

        c.RecordRatification(t.Id, p.Municipalities[0], new(RatificationStatus.Rejected, "Kommunestyret", "K-sak 4/26", TestPartnership.Today), p.Secretary.Id, TestPartnership.Now);

        Assert.Equal(Outcome.NotAdopted, t.Outcome);
        Assert.Equal(CaseStatus.NotAdopted, c.Status);
    }

    [Fact]
    public void Agreement_in_the_working_committee_is_a_recommendation_not_a_decision()
    {
        var (c, t) = p.CaseInTreatment(body: p.Au);
        p.Position(c, t, p.Jointly);
        p.Position(c, t, p.Hospital);

        Assert.Equal(Outcome.Recommendation, t.Outcome);
    }

    [Fact]
    public void Agreement_in_a_professional_committee_is_advice()
    {
        var (c, t) = p.CaseInTreatment(principled: true, body: p.Fagutvalg);
        p.Position(c, t, p.North);
        p.Position(c, t, p.Hospital);

        Assert.Equal(Outcome.Advice, t.Outcome);
    }

    [Fact]
    public void An_information_case_is_only_noted_and_takes_no_positions()
    {
        var (c, t) = p.CaseInTreatment(type: CaseType.Information);

        Assert.Equal(Outcome.Noted, t.Outcome);
        var error = Assert.Throws<DomainException>(() => p.Position(c, t, p.North));
        Assert.Contains("orientering", error.Message);
    }

    [Fact]
    public void Amending_the_wording_voids_the_positions_given_on_earlier_wordings()
    {
        var (c, t) = p.CaseInTreatment();
        foreach (var party in new[] { p.North, p.South, p.Hospital }) p.Position(c, t, party);
        Assert.Equal(Outcome.Binding, t.Outcome);

        c.AmendWording(t.Id, "SSU slutter seg til prosedyren, med evaluering etter ett år.", p.Secretary.Id, TestPartnership.Now);

        Assert.Equal(Outcome.NoConsensus, t.Outcome);
        Assert.All(t.Positions, pos => Assert.True(t.IsVoided(pos)));
        Assert.Equal(3, t.Tally.Missing.Count);
    }

    [Fact]
    public void A_position_on_an_earlier_wording_is_refused()
    {
        var (c, t) = p.CaseInTreatment();
        c.AmendWording(t.Id, "Ny ordlyd.", p.Secretary.Id, TestPartnership.Now);

        var error = Assert.Throws<DomainException>(() =>
            c.RegisterPosition(t.Id, p.North, 1, PositionKind.Agree, null, p.Secretary.Id, false, TestPartnership.Now));
        Assert.Contains("ordlyden er endret", error.Message);
    }

    [Fact]
    public void The_tally_says_who_agrees_and_whom_the_meeting_waits_for()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North);
        p.Position(c, t, p.South);

        var names = p.AllParties.ToDictionary(x => x.Id, x => x.Name);
        Assert.Equal("2 av 3 parter enige – venter på Sykehuset", t.Tally.Summary(id => names[id]));
    }

    [Fact]
    public void Closing_without_consensus_in_a_deciding_body_requires_the_chair_to_choose_the_next_step()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North, PositionKind.Disagree, "Ikke forankret i regionen.");

        Assert.Throws<DomainException>(() => c.CloseTreatment(t.Id, TestPartnership.Now, null, p.AllParties));
        Assert.Equal(Outcome.NoConsensus, c.CloseTreatment(t.Id, TestPartnership.Now, NextStep.BackToWorkingCommittee, p.AllParties, nextStepBody: p.Au));
        Assert.Equal(NextStep.BackToWorkingCommittee, t.NextStep);
        Assert.Equal(CaseStatus.NoConsensus, c.Status);
    }

    [Fact]
    public void A_treatment_cannot_be_closed_twice()
    {
        var (c, t) = p.CaseInTreatment(type: CaseType.Information);
        c.CloseTreatment(t.Id, TestPartnership.Now, null, p.AllParties);

        var error = Assert.Throws<DomainException>(() => c.CloseTreatment(t.Id, TestPartnership.Now, null, p.AllParties));
        Assert.Contains("allerede avsluttet", error.Message);
    }

    [Fact]
    public void The_outcome_of_a_treatment_stays_with_the_parties_it_started_with()
    {
        var (c, t) = p.CaseInTreatment();
        p.Ssu.AddSeat(p.NewPerson("Ny kommune"), SeatRole.Member, new Term(TestPartnership.Today, null), p.Jointly);
        foreach (var party in new[] { p.North, p.South, p.Hospital }) p.Position(c, t, party);

        Assert.Equal(Outcome.Binding, t.Outcome);
    }
}
