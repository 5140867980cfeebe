using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Access;

/// <summary>Who reads a case: the legal basis of an exemption decides whether reading is restricted.</summary>
public class CaseReadingSpecs
{
    private readonly TestPartnership p = new();
    private static readonly DateOnly Today = TestPartnership.Today;
    private static readonly Term ThisTerm = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

    private static Actor Holding(params ActorSeat[] seats) => new(Guid.NewGuid(), "Test", false, seats);
    private Actor Secretariat => Holding(new ActorSeat(p.Pm.Id, "PM", SeatRole.Secretariat, null, ThisTerm));
    private Actor InFagutvalg(SeatRole role) => Holding(new ActorSeat(p.Fagutvalg.Id, "FU", role,
        role is SeatRole.Observer or SeatRole.Participant ? null : p.North.Id, ThisTerm));
    private Actor InSsu(SeatRole role) => Holding(new ActorSeat(p.Ssu.Id, "SSU", role,
        role is SeatRole.Observer or SeatRole.Participant ? null : p.North.Id, ThisTerm));

    /// <summary>A registered case meant for SSU, in treatment in the professional committee.</summary>
    private Case Exempt(string basis)
    {
        var @case = p.NewCase();
        @case.StartTreatment(p.Fagutvalg, Today, p.Secretary.Id, TestPartnership.Now);
        @case.SetPublication(true, basis, p.Secretary.Id, TestPartnership.Now);
        return @case;
    }

    [Theory]
    [InlineData("offl. § 13, jf. fvl. § 13 første ledd nr. 1", true)]
    [InlineData("Offl. §13", true)]
    [InlineData("offentleglova § 13", true)]
    [InlineData("offl. § 14", false)]
    [InlineData("offl. § 15 første ledd", false)]
    [InlineData("offl. § 130", false)]
    public void The_legal_basis_decides_whether_an_exemption_restricts_reading(string basis, bool confidential) =>
        Assert.Equal(confidential, Exempt(basis).IsConfidential);

    [Fact]
    public void A_case_exempt_under_a_duty_of_confidentiality_is_refused_to_an_observer_of_the_treating_body()
    {
        var @case = Exempt("offl. § 13, jf. fvl. § 13");

        Assert.False(InFagutvalg(SeatRole.Observer).MayReadCase(@case, Today));
        var error = Assert.Throws<DomainException>(() => InFagutvalg(SeatRole.Observer).MustReadCase(@case, Today));
        Assert.StartsWith("Du har ikke tilgang til denne saken.", error.Message);
        Assert.Contains("offl. § 13", error.Message);
    }

    [Fact]
    public void A_confidential_case_is_read_by_seats_in_the_bodies_treating_or_meant_to_treat_it_and_the_secretariat()
    {
        var @case = Exempt("offl. § 13");

        Assert.True(Secretariat.MayReadCase(@case, Today));
        Assert.True(InFagutvalg(SeatRole.Member).MayReadCase(@case, Today));
        Assert.True(InFagutvalg(SeatRole.Participant).MayReadCase(@case, Today));
        Assert.True(InSsu(SeatRole.Substitute).MayReadCase(@case, Today));
        Assert.False(InSsu(SeatRole.Observer).MayReadCase(@case, Today));
        Assert.False(Holding(new ActorSeat(p.Au.Id, "AU", SeatRole.Chair, p.North.Id, ThisTerm)).MayReadCase(@case, Today));
        Assert.False(new Actor(null, "admin", true, []).MayReadCase(@case, Today));
    }

    [Fact]
    public void A_seat_outside_its_term_gives_no_reading_of_a_confidential_case()
    {
        var ended = Holding(new ActorSeat(p.Fagutvalg.Id, "FU", SeatRole.Member, p.North.Id,
            new Term(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31))));

        Assert.False(ended.MayReadCase(Exempt("offl. § 13"), Today));
    }

    [Fact]
    public void Other_exemptions_keep_reading_for_every_signed_in_user()
    {
        var @case = Exempt("offl. § 14");

        Assert.True(InSsu(SeatRole.Observer).MayReadCase(@case, Today));
        Assert.True(Holding().MayReadCase(@case, Today));
    }

    [Fact]
    public void A_draft_is_read_only_by_the_secretariat()
    {
        var draft = new Case(p.Partnership.Id, p.Ssu, "Utkast", CaseType.Decision, false, CaseTag.None, "", "", "",
            p.Secretary.Id, TestPartnership.Now);

        Assert.True(Secretariat.MayReadCase(draft, Today));
        Assert.False(InSsu(SeatRole.Chair).MayReadCase(draft, Today));
        var error = Assert.Throws<DomainException>(() => InSsu(SeatRole.Member).MustReadCase(draft, Today));
        Assert.Contains("utkast", error.Message);
    }
}
