namespace Helsefellesskap.App.Features.AnnualReport;

/// <summary>One line of a figure: a label, its count, the colour of its slice, and whether it is a slice at all
/// (a subset such as "forfalt" is a line of the table but would count twice in the chart).</summary>
public sealed record FigureRow(string Label, int Count, string Colour, bool InChart = true)
{
    // Colours with at least 3:1 contrast against white; the table carries the same numbers without colour.
    public const string Green = "#1b6e20", Amber = "#8a5300", Red = "#b00020", Blue = "#0b57a4", Grey = "#5f6368", Purple = "#5e35b1";
}
