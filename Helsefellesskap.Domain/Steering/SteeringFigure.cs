using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Domain.Steering;

/// <summary>The measures the bodies steer by (styringsdata), counted per health region and year.</summary>
public enum SteeringIndicator
{
    /// <summary>Patients with COPD (kols).</summary>
    CopdPatients,
    /// <summary>Inpatient stays (døgnopphold).</summary>
    InpatientStays,
    /// <summary>Outpatient contacts (polikliniske kontakter).</summary>
    OutpatientContacts,
}

/// <summary>
/// One steering figure: a count for one health region, one indicator and one year. The secretariat keeps it
/// up to date; a count is a whole number and never negative.
/// </summary>
public sealed class SteeringFigure : Entity
{
    private SteeringFigure() { }

    public SteeringFigure(Party region, SteeringIndicator indicator, int year, int value)
    {
        DomainException.ThrowIf(region.Kind != PartyKind.HealthRegion,
            $"Styringstall føres per helseregion, og {region.Name} er ikke en helseregion.");
        DomainException.ThrowIf(!Enum.IsDefined(indicator), "Velg et gyldig styringstall.");
        DomainException.ThrowIf(year is < 2000 or > 2100, "Året må være mellom 2000 og 2100.");
        PartnershipId = region.PartnershipId;
        RegionId = region.Id;
        Indicator = indicator;
        Year = year;
        Revise(value);
    }

    public Guid PartnershipId { get; private set; }
    public Guid RegionId { get; private set; }
    public SteeringIndicator Indicator { get; private set; }
    public int Year { get; private set; }
    public int Value { get; private set; }

    /// <summary>
    /// Far above any health region's count (Innlandet has some 370,000 people), far below what a number holds,
    /// so that a typing slip is refused and totals stay exact.
    /// </summary>
    public const int MaxValue = 100_000_000;

    public void Revise(int value)
    {
        DomainException.ThrowIf(value < 0, $"{Indicator.Label()} kan ikke være et negativt tall.");
        DomainException.ThrowIf(value > MaxValue, $"{Indicator.Label()} kan ikke være over 100 000 000.");
        Value = value;
    }

    /// <summary>Reads what a user typed as a count: a whole number, zero or more, with or without thousands spaces.</summary>
    public static int ParseCount(string? typed, string what)
    {
        var value = ReadCount(typed, what, out var problem);
        DomainException.ThrowIf(problem is not null, problem!);
        return value;
    }

    /// <summary>
    /// <see cref="ParseCount"/> for a table of cells, where every refused cell is named at once: the problem in
    /// Norwegian, or null and the count.
    /// </summary>
    public static int ReadCount(string? typed, string what, out string? problem)
    {
        var text = (typed ?? "").Replace(" ", "").Replace("\u00a0", "").Trim();
        var readable = int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out var value);
        problem = text.Length == 0 ? $"Fyll inn {what}."
            : !readable ? $"{Capitalised(what)} må være et helt tall, for eksempel 1056."
            : value < 0 ? $"{Capitalised(what)} kan ikke være et negativt tall."
            : value > MaxValue ? $"{Capitalised(what)} kan ikke være over 100 000 000."
            : null;
        return problem is null ? value : 0;
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>A case rests on a steering indicator of a year: the case page shows those figures for every region.</summary>
public sealed class CaseSteeringLink
{
    private CaseSteeringLink() { }

    public CaseSteeringLink(Guid caseId, SteeringIndicator indicator, int year)
    {
        DomainException.ThrowIf(!Enum.IsDefined(indicator), "Velg et gyldig styringstall.");
        DomainException.ThrowIf(!Plausible.IsYear(year), $"Året må være mellom {Plausible.FirstYear} og {Plausible.LastYear}.");
        CaseId = caseId;
        Indicator = indicator;
        Year = year;
    }

    public Guid CaseId { get; private set; }
    public SteeringIndicator Indicator { get; private set; }
    public int Year { get; private set; }
}
