using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;

namespace Helsefellesskap.Tests.Domain.Cases;

/// <summary>Without consensus the chair chooses where the case goes; the case is then ready for that body's agenda.</summary>
public class NextStepSpecs
{
    private readonly TestPartnership p = new();

    private (Case Case, Treatment Treatment) WithoutConsensus()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North, PositionKind.Disagree, "Ikke forankret i regionen.");
        return (c, t);
    }

    [Fact]
    public void No_consensus_sent_to_the_partnership_meeting_is_ready_for_its_agenda()
    {
        var (c, t) = WithoutConsensus();

        c.CloseTreatment(t.Id, TestPartnership.Now, NextStep.UpToPartnershipMeeting, p.AllParties, nextStepBody: p.Pm);

        Assert.Equal(p.Pm.Id, t.NextStepBodyId);
        Assert.Equal(p.Pm.Id, c.ReadyForBodyId);
        Assert.True(c.IsReadyForAgendaOf(p.Pm.Id));
        Assert.False(c.IsReadyForAgendaOf(p.Ssu.Id));
    }

    [Fact]
    public void No_consensus_sent_back_to_the_working_committee_is_ready_for_its_agenda()
    {
        var (c, t) = WithoutConsensus();

        c.CloseTreatment(t.Id, TestPartnership.Now, NextStep.BackToWorkingCommittee, p.AllParties, nextStepBody: p.Au);

        Assert.Equal(p.Au.Id, c.ReadyForBodyId);
        Assert.True(c.IsReadyForAgendaOf(p.Au.Id));
        // Once the working committee takes it up, it waits for no agenda.
        c.StartTreatment(p.Au, TestPartnership.Today, p.Secretary.Id, TestPartnership.Now.AddDays(7));
        Assert.Null(c.ReadyForBodyId);
    }

    [Fact]
    public void No_consensus_sent_to_a_later_meeting_is_ready_for_the_same_bodys_agenda()
    {
        var (c, t) = WithoutConsensus();

        c.CloseTreatment(t.Id, TestPartnership.Now, NextStep.LaterMeeting, p.AllParties);

        Assert.Equal(p.Ssu.Id, t.NextStepBodyId);
        Assert.Equal(p.Ssu.Id, c.ReadyForBodyId);
    }

    [Fact]
    public void The_next_step_goes_to_the_body_it_names_and_no_other()
    {
        var (c, t) = WithoutConsensus();

        var wrong = Assert.Throws<DomainException>(() =>
            c.CloseTreatment(t.Id, TestPartnership.Now, NextStep.UpToPartnershipMeeting, p.AllParties, nextStepBody: p.Au));
        Assert.Equal("«Til partnerskapsmøtet» må sendes til partnerskapsmøtet, ikke til AU.", wrong.Message);
        var missing = Assert.Throws<DomainException>(() =>
            c.CloseTreatment(t.Id, TestPartnership.Now, NextStep.BackToWorkingCommittee, p.AllParties));
        Assert.Equal("«Tilbake til arbeidsutvalget» må sendes til arbeidsutvalget; oppgi hvilket utvalg.", missing.Message);
        Assert.False(t.IsClosed);
    }

    [Fact]
    public void The_partnership_meeting_does_not_send_a_case_up_to_itself()
    {
        var c = p.NewCase(body: p.Pm);
        var t = c.StartTreatment(p.Pm, TestPartnership.Today, p.Secretary.Id, TestPartnership.Now);
        p.Position(c, t, p.Hospital, PositionKind.Disagree, "Ikke nå.");

        var refused = Assert.Throws<DomainException>(() =>
            c.CloseTreatment(t.Id, TestPartnership.Now, NextStep.UpToPartnershipMeeting, p.AllParties, nextStepBody: p.Pm));
        Assert.Equal("Saken er allerede i PM. Velg «Til et senere møte».", refused.Message);
    }
}
