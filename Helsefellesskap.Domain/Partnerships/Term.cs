namespace Helsefellesskap.Domain.Partnerships;

/// <summary>The period a seat is held (funksjonsperiode); an open end means until further notice.</summary>
public readonly record struct Term
{
    public Term(DateOnly from, DateOnly? to)
    {
        DomainException.ThrowIf(to is { } end && end < from, "En periode kan ikke slutte før den begynner.");
        From = from;
        To = to;
    }

    public DateOnly From { get; }
    public DateOnly? To { get; }

    public bool Includes(DateOnly day) => day >= From && (To is null || day <= To);

    public bool Overlaps(Term other) =>
        From <= (other.To ?? DateOnly.MaxValue) && other.From <= (To ?? DateOnly.MaxValue);

    public override string ToString() => To is { } end ? $"{From:dd.MM.yyyy}–{end:dd.MM.yyyy}" : $"fra {From:dd.MM.yyyy}";
}
