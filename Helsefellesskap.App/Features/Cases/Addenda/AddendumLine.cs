using Helsefellesskap.Domain.Cases;

namespace Helsefellesskap.App.Features.Cases.Addenda;

/// <summary>A tilleggsopplysning or rettelse as a reader sees it: what, when and signed by whom.</summary>
public sealed record AddendumLine(AddendumKind Kind, string Text, string SignedBy, DateTimeOffset At)
{
    public static IReadOnlyList<AddendumLine> Of(Case @case, IReadOnlyDictionary<Guid, string> personNames) =>
        @case.Addenda.OrderBy(a => a.At)
            .Select(a => new AddendumLine(a.Kind, a.Text, personNames.GetValueOrDefault(a.ByPersonId, "sekretariatet"), a.At)).ToList();
}
