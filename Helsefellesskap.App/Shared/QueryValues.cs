using System.Globalization;
using Helsefellesskap.Domain;

namespace Helsefellesskap.App.Shared;

/// <summary>
/// Reads values from a page's address. Anyone can type an address, so what cannot be read is left out and named
/// in a Norwegian message the page shows; it never becomes an exception that takes the page down.
/// </summary>
public static class QueryValues
{
    /// <summary>Far more pages than any register will have, and far from where page × size overflows.</summary>
    public const int MaxPage = 100_000;

    public static int? Year(string? typed, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (int.TryParse(typed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && Plausible.IsYear(year))
            return year;
        problems.Add($"«{Shortened(typed)}» er ikke et år som kan vises. Velg et år mellom {Plausible.FirstYear} og {Plausible.LastYear}.");
        return null;
    }

    /// <summary>A page number from 1; null when none or unreadable.</summary>
    public static int? PageNumber(string? typed, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (int.TryParse(typed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPage)
            return page;
        problems.Add($"«{Shortened(typed)}» er ikke et sidetall. Viser første side.");
        return null;
    }

    public static bool? YesNo(string? typed, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (bool.TryParse(typed.Trim(), out var value)) return value;
        problems.Add($"«{Shortened(typed)}» er ikke ja eller nei (true eller false); valget er ikke brukt.");
        return null;
    }

    private static string Shortened(string typed) => typed.Length > 40 ? typed[..40] + "…" : typed;
}
