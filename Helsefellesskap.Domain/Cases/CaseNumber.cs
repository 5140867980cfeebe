namespace Helsefellesskap.Domain.Cases;

/// <summary>A case number, per body and year: <c>SAK 012-2026</c>.</summary>
public readonly record struct CaseNumber
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

    public override string ToString() => $"SAK {Sequence:000}-{Year}";
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
