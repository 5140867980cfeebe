using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Access;

/// <summary>What a sign-in through an organisation's provider proves: a second factor where a role requires one, and the party.</summary>
public class SignInProofSpecs
{
    private readonly TestPartnership p = new();
    private static readonly DateOnly Today = TestPartnership.Today;
    private static readonly Term ThisTerm = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
    private static readonly HashSet<WritingRole> Every = [.. Enum.GetValues<WritingRole>()];

    private Actor Member(SignInProof? signIn) =>
        new(Guid.NewGuid(), "Test", false, [new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Member, p.North.Id, ThisTerm)]) { SignIn = signIn };

    private Actor Secretary(SignInProof? signIn) =>
        new(Guid.NewGuid(), "Test", false, [new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Secretariat, null, ThisTerm)]) { SignIn = signIn };

    [Fact]
    public void A_sign_in_without_the_second_factor_a_role_requires_is_read_only_and_every_command_refuses()
    {
        var secretary = Secretary(new SignInProof("Entra ID", SecondFactor: false, Every));

        Assert.True(secretary.IsReadOnly(Today));
        var refusal = Assert.Throws<DomainException>(() => secretary.MustRegisterCase(Today));
        Assert.Contains("uten andre faktor", refusal.Message);
        Assert.Throws<DomainException>(() => secretary.RegistersOnBehalf(p.Ssu.Id, p.South, "SSU", Today));
        Assert.Throws<DomainException>(() => secretary.MustManageAccount(Today, ofAdministrator: false));
        // Reading is not writing: the secretariat still reads a draft.
        secretary.MustAdminister(Today);
    }

    [Fact]
    public void A_sign_in_with_the_second_factor_or_for_a_role_that_requires_none_writes()
    {
        Assert.False(Secretary(new SignInProof("Entra ID", SecondFactor: true, Every)).IsReadOnly(Today));
        Assert.False(Secretary(new SignInProof("Entra ID", SecondFactor: false, new HashSet<WritingRole> { WritingRole.Chair })).IsReadOnly(Today));
        Assert.False(Member(new SignInProof("Entra ID", SecondFactor: false, new HashSet<WritingRole> { WritingRole.Secretariat }))
            .RegistersOnBehalf(p.Ssu.Id, p.North, "SSU", Today));
    }

    [Fact]
    public void A_password_sign_in_is_governed_only_by_the_roles()
    {
        Assert.False(Secretary(null).IsReadOnly(Today));
        Assert.False(Member(null).RegistersOnBehalf(p.Ssu.Id, p.North, "SSU", Today));
    }

    [Fact]
    public void A_representative_whose_sign_in_proves_another_organisation_may_not_register_their_party_s_position()
    {
        var member = Member(new SignInProof("Ansattporten", true, Every, ProvesParty: true, Organisation: "983971709", OrganisationPartyId: p.South.Id));

        var refusal = Assert.Throws<DomainException>(() => member.RegistersOnBehalf(p.Ssu.Id, p.North, "SSU", Today));
        Assert.Contains("viser ikke at du representerer Nord", refusal.Message);
        Assert.Contains("983971709", refusal.Message);
    }

    [Fact]
    public void A_representative_whose_sign_in_proves_their_seat_s_party_registers_and_the_position_records_the_organisation()
    {
        var member = Member(new SignInProof("Ansattporten", true, Every, ProvesParty: true, Organisation: "940155223", OrganisationPartyId: p.North.Id));

        Assert.False(member.RegistersOnBehalf(p.Ssu.Id, p.North, "SSU", Today));
        Assert.Equal("940155223", member.ProvedOrganisation);
    }

    [Fact]
    public void A_sign_in_whose_proof_was_lost_writes_nothing_until_the_user_signs_in_again()
    {
        var member = Member(SignInProof.Unknown("entra"));

        Assert.True(member.IsReadOnly(Today));
        Assert.Throws<DomainException>(() => member.RegistersOnBehalf(p.Ssu.Id, p.North, "SSU", Today));
    }
}
