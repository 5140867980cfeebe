using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Steering;

namespace Helsefellesskap.Tests.Domain.Steering;

/// <summary>Steering figures (styringsdata): counts per health region, indicator and year.</summary>
public class SteeringFigureSpecs
{
    private readonly TestPartnership p = new();

    [Fact]
    public void A_steering_figure_is_a_count_that_is_never_negative()
    {
        var figure = new SteeringFigure(p.North, SteeringIndicator.CopdPatients, 2025, 888);

        var error = Assert.Throws<DomainException>(() => figure.Revise(-1));

        Assert.Equal("Pasienter med kols kan ikke være et negativt tall.", error.Message);
        Assert.Equal(888, figure.Value);
    }

    [Fact]
    public void Steering_figures_are_kept_per_health_region()
    {
        var error = Assert.Throws<DomainException>(() => new SteeringFigure(p.Municipalities[0], SteeringIndicator.InpatientStays, 2025, 3));

        Assert.Equal("Styringstall føres per helseregion, og Nordby er ikke en helseregion.", error.Message);
    }

    [Theory]
    [InlineData("5634", 5634)]
    [InlineData(" 5 634 ", 5634)]
    [InlineData("0", 0)]
    public void A_typed_count_is_a_whole_number(string typed, int expected) =>
        Assert.Equal(expected, SteeringFigure.ParseCount(typed, "døgnopphold i Valdres"));

    [Theory]
    [InlineData("12,5", "Døgnopphold i Valdres må være et helt tall, for eksempel 1056.")]
    [InlineData("mange", "Døgnopphold i Valdres må være et helt tall, for eksempel 1056.")]
    [InlineData("-3", "Døgnopphold i Valdres kan ikke være et negativt tall.")]
    [InlineData("", "Fyll inn døgnopphold i Valdres.")]
    public void A_typed_count_that_is_not_a_whole_number_of_zero_or_more_is_refused_in_Norwegian(string typed, string message)
    {
        var error = Assert.Throws<DomainException>(() => SteeringFigure.ParseCount(typed, "døgnopphold i Valdres"));

        Assert.Equal(message, error.Message);
        // A table of cells reads each without an exception, so every refused cell is named at once.
        SteeringFigure.ReadCount(typed, "døgnopphold i Valdres", out var problem);
        Assert.Equal(message, problem);
    }

    [Fact]
    public void A_steering_figure_stays_within_a_sensible_range_so_totals_never_overflow()
    {
        var figure = new SteeringFigure(p.North, SteeringIndicator.CopdPatients, 2025, 888);

        var error = Assert.Throws<DomainException>(() => figure.Revise(int.MaxValue));

        Assert.Equal("Pasienter med kols kan ikke være over 100 000 000.", error.Message);
        Assert.Throws<DomainException>(() => SteeringFigure.ParseCount("2147483647", "antallet"));
        Assert.Equal(SteeringFigure.MaxValue, SteeringFigure.ParseCount("100 000 000", "antallet"));
        Assert.Throws<DomainException>(() => new CaseSteeringLink(Guid.NewGuid(), SteeringIndicator.CopdPatients, 99999));
    }
}
