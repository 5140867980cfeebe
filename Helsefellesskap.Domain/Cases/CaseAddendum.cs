namespace Helsefellesskap.Domain.Cases;

public enum AddendumKind
{
    /// <summary>Tilleggsopplysning: something learnt after the decision.</summary>
    Supplement,
    /// <summary>Rettelse: an error in the decided case, corrected without rewriting it.</summary>
    Correction,
}

/// <summary>
/// A dated, signed addendum to a decided case. The decided presentation never changes; what the secretariat
/// must add afterwards is recorded beside it, as such.
/// </summary>
public sealed class CaseAddendum : Entity
{
    public const int MaxTextLength = 4000;

    private CaseAddendum() { Text = ""; }

    internal CaseAddendum(Guid caseId, AddendumKind kind, string text, Guid byPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(text), "Skriv teksten i tilleggsopplysningen eller rettelsen.");
        DomainException.ThrowIf(text.Trim().Length > MaxTextLength,
            $"Teksten kan ikke være lengre enn {MaxTextLength} tegn.");
        CaseId = caseId;
        Kind = kind;
        Text = text.Trim();
        ByPersonId = byPersonId;
        At = at;
    }

    public Guid CaseId { get; private set; }
    public AddendumKind Kind { get; private set; }
    public string Text { get; private set; }
    public Guid ByPersonId { get; private set; }
    public DateTimeOffset At { get; private set; }
}
