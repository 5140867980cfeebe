using System.Globalization;
using System.Text.RegularExpressions;

namespace Helsefellesskap.Domain.Cases;

/// <summary>
/// A case number, per body and year. SSU, AU and the partnership meeting each number from 1, so a number is
/// only unique with its body: it is always shown as <c>SSU-sak 012/2026</c> (docs/case-numbers.md).
/// </summary>
public readonly partial record struct CaseNumber
{
    public CaseNumber(int year, int sequence)
    {
        DomainException.ThrowIf(sequence < 1, "Et saksnummer begynner på 1.");
        DomainException.ThrowIf(year is < 2000 or > 2999, "Saksnummeret har et ugyldig år.");
        Year = year;
        Sequence = sequence;
    }

    public int Year { get; }
    public int Sequence { get; }

    /// <summary>The number as everyone reads it, printed, exported and searched: <c>SSU-sak 001/2026</c>.</summary>
    public string In(string bodyShortName) => Display(bodyShortName, Sequence, Year);

    /// <summary>The one form of a case number: the body's short name, "-sak", three digits, slash, year.</summary>
    public static string Display(string bodyShortName, int sequence, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"{bodyShortName}-sak {sequence:000}/{year}");

    /// <summary>Without its body a number names several cases; only for messages about a case already named.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sequence:000}/{Year}");

    /// <summary>
    /// Reads a typed reference: "SSU-sak 1/2026", "ssu sak 001/2026", "001/2026" or the older "SAK 001-2026".
    /// The body is null when none was typed; then the number may name one case in each body.
    /// </summary>
    public static bool TryParse(string? text, out string? bodyShortName, out CaseNumber number)
    {
        bodyShortName = null;
        number = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var match = Reference().Match(text.Trim());
        if (!match.Success) return false;
        var sequence = int.Parse(match.Groups["seq"].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (sequence < 1 || year is < 2000 or > 2999) return false;
        // "SAK 001-2026", the form before bodies were named, has no body: "SAK" is the word, not a body.
        bodyShortName = match.Groups["body"].Success && !match.Groups["body"].Value.Equals("sak", StringComparison.OrdinalIgnoreCase)
            ? match.Groups["body"].Value : null;
        number = new CaseNumber(year, sequence);
        return true;
    }

    [GeneratedRegex(@"^(?:(?<body>[\p{L}][\p{L}\p{N}-]*?)[-\s]+)?(?:sak\s*)?(?<seq>\d{1,3})\s*[-/]\s*(?<year>\d{4})$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}

/// <summary>
/// The series of case numbers for one body and one year. Numbers are handed out one after another,
/// with no gaps, and never twice. The app takes the next number in the same transaction as it registers
/// the case, so a number is only used when the case is saved.
/// </summary>
public sealed class CaseNumberSeries
{
    private CaseNumberSeries() { }

    public CaseNumberSeries(Guid bodyId, int year)
    {
        BodyId = bodyId;
        Year = year;
    }

    public Guid BodyId { get; private set; }
    public int Year { get; private set; }
    public int LastSequence { get; private set; }

    public CaseNumber Next()
    {
        LastSequence++;
        return new CaseNumber(Year, LastSequence);
    }
}
