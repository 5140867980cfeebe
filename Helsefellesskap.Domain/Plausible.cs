namespace Helsefellesskap.Domain;

/// <summary>
/// What the domain accepts at its edge, so that nothing saved can later break a page, a sum or a document that
/// shows it: dates in years a partnership works in, counts far below what a number can hold, and single-line
/// texts without control characters.
/// </summary>
public static class Plausible
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static bool IsYear(int year) => year is >= FirstYear and <= LastYear;

    /// <summary><paramref name="what"/> is the field's name as a sentence starts it, e.g. "Fristen".</summary>
    public static void Day(DateOnly? day, string what) =>
        DomainException.ThrowIf(day is { } d && !IsYear(d.Year), $"{what} må være mellom år {FirstYear} og {LastYear}.");

    public static void Moment(DateTimeOffset at, string what) =>
        DomainException.ThrowIf(!IsYear(at.Year), $"{what} må være mellom år {FirstYear} og {LastYear}.");

    /// <summary>
    /// The longest prose a field holds (saksfremstilling, forslag til vedtak, ordlyd, protokolltekst). It stays well below
    /// what one Blazor Server circuit message carries, so a text the browser allows always reaches the server.
    /// </summary>
    public const int LongTextMaxLength = 20_000;

    /// <summary>Refuses prose longer than <see cref="LongTextMaxLength"/>; <paramref name="what"/> starts the sentence.</summary>
    public static void LongText(string? text, string what, string? field = null)
    {
        var length = (text ?? "").Trim().Length;
        DomainException.ThrowIf(length > LongTextMaxLength,
            $"{what} kan ikke være lengre enn {Grouped(LongTextMaxLength)} tegn (teksten har {Grouped(length)} tegn).", field);
    }

    /// <summary>A count as Norwegian writes it: "20 000".</summary>
    public static string Grouped(int count) =>
        count.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', ' ');

    /// <summary>A title or name is one line: no line breaks, tabs or other control characters (they break documents).</summary>
    public static void SingleLine(string? text, string what, string? field = null) =>
        DomainException.ThrowIf(text is not null && text.Any(char.IsControl),
            $"{what} kan ikke inneholde linjeskift, tabulator eller andre kontrolltegn.", field);
}
