using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Cases;

/// <summary>Versions of the proposed decision that mean something: who made the text, and at which event.</summary>
public class ProposalVersionSpecs
{
    private readonly TestPartnership p = new();
    private static readonly DateTimeOffset Now = TestPartnership.Now;

    private Case Draft(string proposal = "SSU slutter seg til prosedyren.") =>
        new(p.Partnership.Id, p.Ssu, "Tittel", CaseType.Decision, false, CaseTag.None, "", "", proposal, p.Secretary.Id, Now);

    private (Case Case, Treatment Au) Recommended(string wording = "AU innstiller: SSU slutter seg til prosedyren fra 1. mars.")
    {
        var c = p.NewCase();
        var au = c.StartTreatment(p.Au, TestPartnership.Today, p.Secretary.Id, Now);
        c.AmendWording(au.Id, wording, p.Secretary.Id, Now.AddHours(1));
        p.Position(c, au, p.Jointly);
        p.Position(c, au, p.Hospital);
        c.CloseTreatment(au.Id, Now.AddHours(2), null, p.AllParties, forwardTo: p.Ssu);
        return (c, au);
    }

    [Fact]
    public void Autosave_keeps_the_draft_without_making_a_version()
    {
        var c = Draft();
        c.ReviseProposal("Forslag, andre utkast.", p.Secretary.Id, Now);
        c.ReviseProposal("Forslag, tredje utkast.", p.Secretary.Id, Now);

        Assert.Empty(c.ProposalVersions);
        Assert.Equal("Forslag, tredje utkast.", c.DraftProposal);
        Assert.Equal("Forslag, tredje utkast.", c.ProposedDecision);
    }

    [Fact]
    public void A_draft_cannot_be_saved_as_a_version_before_it_is_registered()
    {
        var c = Draft();
        var error = Assert.Throws<DomainException>(() => c.SaveProposalVersion(p.Secretary.Id, Now));
        Assert.Equal("Forslaget til vedtak får sin første versjon når saken registreres.", error.Message);
        Assert.Empty(c.ProposalVersions);
    }

    [Fact]
    public void Registering_a_case_makes_the_first_version_of_its_proposal()
    {
        var c = Draft();
        c.ReviseProposal("Forslag, andre utkast.", p.Secretary.Id, Now);
        c.Register(new CaseNumberSeries(p.Ssu.Id, 2026), p.Secretary.Id, Now);

        var first = Assert.Single(c.ProposalVersions);
        Assert.Equal((1, "Forslag, andre utkast.", ProposalOrigin.Registered), (first.Version, first.Text, first.Origin));
        Assert.Equal("registrert", first.Label());
    }

    [Fact]
    public void The_secretariat_saves_a_changed_draft_as_a_new_version_explicitly()
    {
        var c = p.NewCase();
        var unchanged = Assert.Throws<DomainException>(() => c.SaveProposalVersion(p.Secretary.Id, Now));
        Assert.Equal("Forslaget til vedtak er likt versjon 1; det er ingen endring å lagre som ny versjon.", unchanged.Message);

        c.ReviseProposal("SSU slutter seg til prosedyren fra 1. mars.", p.Secretary.Id, Now);
        Assert.True(c.HasUnversionedDraft);
        Assert.Equal("SSU slutter seg til prosedyren.", c.ProposedDecision);
        var saved = c.SaveProposalVersion(p.Secretary.Id, Now);

        Assert.Equal((2, ProposalOrigin.Saved, "lagret"), (saved.Version, saved.Origin, saved.Label()));
        Assert.Equal("SSU slutter seg til prosedyren fra 1. mars.", c.ProposedDecision);
        Assert.False(c.HasUnversionedDraft);
    }

    [Fact]
    public void Sending_a_case_to_a_body_makes_its_changed_draft_a_version()
    {
        var c = p.NewCase();
        c.ReviseProposal("SSU slutter seg til prosedyren fra 1. mars.", p.Secretary.Id, Now);
        var au = c.StartTreatment(p.Au, TestPartnership.Today, p.Secretary.Id, Now);

        Assert.Equal([ProposalOrigin.Registered, ProposalOrigin.SentToBody], c.ProposalVersions.Select(v => v.Origin));
        Assert.Equal("sendt til AU", c.CurrentProposal!.Label());
        Assert.Equal("SSU slutter seg til prosedyren fra 1. mars.", au.CurrentWording.Text);
        Assert.Equal(2, au.StartedFromProposalVersion);
    }

    [Fact]
    public void Sending_an_unchanged_proposal_to_a_body_adds_no_version()
    {
        var c = p.NewCase();
        var au = c.StartTreatment(p.Au, TestPartnership.Today, p.Secretary.Id, Now);

        Assert.Single(c.ProposalVersions);
        Assert.Equal(1, au.StartedFromProposalVersion);
    }

    [Fact]
    public void A_recommendation_put_forward_becomes_the_proposal_as_the_bodys_version()
    {
        var (c, au) = Recommended();

        var recommendation = c.CurrentProposal!;
        Assert.Equal(ProposalOrigin.Recommendation, recommendation.Origin);
        Assert.Equal("innstilling fra AU", recommendation.Label());
        Assert.Equal("AU innstiller: SSU slutter seg til prosedyren fra 1. mars.", recommendation.Text);
        Assert.Equal(au.ClosedAt, recommendation.At);
        // The secretariat's text stays in the history.
        Assert.Equal("SSU slutter seg til prosedyren.", c.ProposalVersions.Single(v => v.Version == 1).Text);
        Assert.Equal(recommendation.Text, c.DraftProposal);
    }

    [Fact]
    public void A_recommendation_is_the_bodys_version_even_when_it_kept_the_secretariats_text()
    {
        var c = p.NewCase();
        var au = c.StartTreatment(p.Au, TestPartnership.Today, p.Secretary.Id, Now);
        p.Position(c, au, p.Jointly);
        p.Position(c, au, p.Hospital);
        c.CloseTreatment(au.Id, Now, null, p.AllParties, forwardTo: p.Ssu, byPersonId: p.Secretary.Id);

        Assert.Equal([ProposalOrigin.Registered, ProposalOrigin.Recommendation], c.ProposalVersions.Select(v => v.Origin));
    }

    [Fact]
    public void A_deciding_body_starts_from_the_recommendation_it_was_given()
    {
        var (c, _) = Recommended();

        var ssu = c.StartTreatment(p.Ssu, TestPartnership.Today.AddDays(14), p.Secretary.Id, Now.AddDays(14));

        Assert.Equal("AU innstiller: SSU slutter seg til prosedyren fra 1. mars.", ssu.CurrentWording.Text);
        Assert.Equal("innstilling fra AU", c.ProposalVersionOf(ssu)!.Label());
        Assert.Equal(2, c.ProposalVersions.Count);
    }

    [Fact]
    public void Advice_from_a_professional_committee_is_marked_as_its_advice()
    {
        var c = p.NewCase();
        var fu = c.StartTreatment(p.Fagutvalg, TestPartnership.Today, p.Secretary.Id, Now);
        p.Position(c, fu, p.North);
        p.Position(c, fu, p.Hospital);
        c.CloseTreatment(fu.Id, Now, null, p.AllParties, forwardTo: p.Ssu);

        Assert.Equal("faglig råd fra FU-BU", c.CurrentProposal!.Label());
    }

    [Fact]
    public void The_secretariat_cannot_replace_a_recommendation_awaiting_the_deciding_body()
    {
        var (c, _) = Recommended();

        var error = Assert.Throws<DomainException>(() => c.ReviseProposal("Sekretariatets nye tekst.", p.Secretary.Id, Now));
        Assert.Equal("Forslaget til vedtak er innstilling fra AU og venter på behandling i SSU. " +
                     "Sekretariatet kan ikke endre det; endringer i ordlyden gjøres av SSU i møtet.", error.Message);
        Assert.Throws<DomainException>(() => c.SaveProposalVersion(p.Secretary.Id, Now));
        // Saving the rest of the case with the recommendation unchanged is no change to it.
        c.ReviseProposal(c.ProposedDecision, p.Secretary.Id, Now);
        Assert.Equal(ProposalOrigin.Recommendation, c.CurrentProposal!.Origin);
    }

    [Fact]
    public void Versions_saved_before_origins_were_recorded_read_as_saved()
    {
        Assert.Equal("lagret", default(ProposalOrigin) switch { ProposalOrigin.Saved => "lagret", _ => "?" });
        var c = p.NewCase();
        c.ReviseProposal("Endret.", p.Secretary.Id, Now);
        Assert.Equal("lagret", c.SaveProposalVersion(p.Secretary.Id, Now).Label());
    }
}

/// <summary>A decided case is a record: its presentation and proposal hold, and later facts are added beside them.</summary>
public class DecidedCaseSpecs
{
    private readonly TestPartnership p = new();
    private static readonly DateTimeOffset Now = TestPartnership.Now;
    private static readonly byte[] Pdf = "%PDF-1.7"u8.ToArray();
    private static readonly string Sha = new('a', 64);

    private (Case Case, Treatment Ssu) Decided(bool agree = true, NextStep? next = null)
    {
        var (c, ssu) = p.CaseInTreatment();
        c.AddAttachment("notat.pdf", 100, Pdf, Sha, p.Secretary.Id, Now);
        if (agree)
            foreach (var party in new[] { p.North, p.South, p.Hospital }) p.Position(c, ssu, party);
        c.CloseTreatment(ssu.Id, Now.AddHours(1), next, p.AllParties);
        return (c, ssu);
    }

    [Fact]
    public void A_decided_case_refuses_a_new_presentation()
    {
        var (c, _) = Decided();

        var error = Assert.Throws<DomainException>(() =>
            c.Edit(c.Title, c.Type, c.IsPrincipled, c.Tags, "Ny bakgrunn.", c.Assessment, p.Secretary.Id, Now));
        Assert.StartsWith("Saken er behandlet i SSU 22.11.2026. Tittel, saksfremstilling og vedlegg er låst", error.Message);
        Assert.Throws<DomainException>(() => c.Edit("Ny tittel", c.Type, c.IsPrincipled, c.Tags, c.Background, c.Assessment, p.Secretary.Id, Now));
        Assert.Throws<DomainException>(() => c.Edit(c.Title, c.Type, true, c.Tags, c.Background, c.Assessment, p.Secretary.Id, Now));
        Assert.Equal("Bakgrunn.", c.Background);
    }

    [Fact]
    public void A_decided_case_refuses_a_new_proposal()
    {
        var (c, _) = Decided();

        var error = Assert.Throws<DomainException>(() => c.ReviseProposal("Et annet vedtak.", p.Secretary.Id, Now));
        Assert.StartsWith("Saken er avgjort i SSU 22.11.2026, og forslaget til vedtak kan ikke endres.", error.Message);
        Assert.Equal("SSU slutter seg til prosedyren.", c.DraftProposal);
    }

    [Fact]
    public void A_decided_case_refuses_new_and_removed_attachments()
    {
        var (c, _) = Decided();

        Assert.Throws<DomainException>(() => c.AddAttachment("nytt.pdf", 100, Pdf, new string('b', 64), p.Secretary.Id, Now));
        Assert.Throws<DomainException>(() => c.RemoveAttachment(c.Attachments[0].Id, p.Secretary.Id, Now));
        Assert.Single(c.Attachments);
    }

    [Fact]
    public void A_case_to_be_treated_again_may_get_a_new_proposal_but_not_a_rewritten_presentation()
    {
        var (c, _) = Decided(agree: false, next: NextStep.LaterMeeting);

        c.ReviseProposal("SSU slutter seg til prosedyren, med en prøveperiode.", p.Secretary.Id, Now);
        var version = c.SaveProposalVersion(p.Secretary.Id, Now);
        Assert.Equal(2, version.Version);
        Assert.Throws<DomainException>(() => c.Edit(c.Title, c.Type, c.IsPrincipled, c.Tags, "Ny bakgrunn.", c.Assessment, p.Secretary.Id, Now));
    }

    [Fact]
    public void A_case_rejected_in_local_ratification_may_get_a_new_proposal()
    {
        var (c, ssu) = p.CaseInTreatment(principled: true);
        foreach (var party in new[] { p.North, p.South, p.Hospital }) p.Position(c, ssu, party);
        c.CloseTreatment(ssu.Id, Now, null, p.AllParties);
        c.RecordRatification(ssu.Id, p.Municipalities[0], new RatificationEntry(RatificationStatus.Rejected, LocalBody: "Kommunestyret", LocalReference: "PS 12/26", MeetingDate: TestPartnership.Today), p.Secretary.Id, Now);
        Assert.Equal(CaseStatus.NotAdopted, c.Status);

        c.ReviseProposal("SSU ber om ny behandling.", p.Secretary.Id, Now);
        Assert.Equal("SSU ber om ny behandling.", c.DraftProposal);
    }

    [Fact]
    public void A_decided_case_keeps_its_tags_and_publication_editable()
    {
        var (c, _) = Decided();
        c.Edit(c.Title, c.Type, c.IsPrincipled, CaseTag.Digitalisation, c.Background, c.Assessment, p.Secretary.Id, Now);
        c.SetPublication(true, "offl. § 14", p.Secretary.Id, Now);
        Assert.Equal(CaseTag.Digitalisation, c.Tags);
    }

    [Fact]
    public void An_addendum_to_a_decided_case_is_dated_and_signed()
    {
        var (c, _) = Decided();

        var addendum = c.AddAddendum(AddendumKind.Correction, " Vedlegg 2 har feil dato; riktig er 1. mars. ", p.Secretary.Id, Now.AddDays(3));

        Assert.Equal((AddendumKind.Correction, "Vedlegg 2 har feil dato; riktig er 1. mars.", p.Secretary.Id, Now.AddDays(3)),
            (addendum.Kind, addendum.Text, addendum.ByPersonId, addendum.At));
        Assert.Equal("Rettelse", addendum.Kind.Label());
        Assert.Single(c.Addenda);
        Assert.Equal("Bakgrunn.", c.Background);
    }

    [Fact]
    public void An_addendum_needs_a_text_and_a_decided_case()
    {
        var (open, _) = p.CaseInTreatment();
        var error = Assert.Throws<DomainException>(() => open.AddAddendum(AddendumKind.Supplement, "Ny opplysning.", p.Secretary.Id, Now));
        Assert.StartsWith("Tilleggsopplysninger og rettelser føyes til en sak som er behandlet", error.Message);

        var (c, _) = Decided();
        var empty = Assert.Throws<DomainException>(() => c.AddAddendum(AddendumKind.Supplement, " ", p.Secretary.Id, Now));
        Assert.Equal("Skriv teksten i tilleggsopplysningen eller rettelsen.", empty.Message);
    }
}
