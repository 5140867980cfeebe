using Helsefellesskap.Domain.Cases;

namespace Helsefellesskap.App.Features.Cases.Preparation;

/// <summary>A party's current position on the current wording, as a position form shows it.</summary>
public sealed record CurrentPosition(Guid PositionId, PositionKind Kind, string? Text, Guid RegisteredById, string RegisteredBy,
    DateTimeOffset At, bool OnBehalf)
{
    public static IReadOnlyDictionary<Guid, CurrentPosition> Of(Treatment treatment, IReadOnlyDictionary<Guid, string> personNames) =>
        treatment.CurrentPositions.ToDictionary(p => p.PartyId, p => new CurrentPosition(p.Id, p.Kind, p.Text,
            p.RegisteredByPersonId, personNames.GetValueOrDefault(p.RegisteredByPersonId, "ukjent"), p.RegisteredAt, p.RegisteredOnBehalf));
}

/// <summary>What the form sends: the position, and the party's position as the form showed it (and whether it is to be replaced).</summary>
public sealed record PositionSubmission(Guid Party, PositionKind Kind, string? Text, SeenPosition Seen);
