using Helsefellesskap.App.Shared;

namespace Helsefellesskap.App.Features.AnnualReport;

/// <summary>One line of a figure: a label, its count, the colour of its slice, and whether it is a slice at all
/// (a subset such as "forfalt" is a line of the table but would count twice in the chart).
/// The table carries the same numbers without colour.</summary>
public sealed record FigureRow(string Label, int Count, Tone Tone, bool InChart = true)
{
    public string Colour => Tone.Colour();
}
