using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.App.Features.Administration;

/// <summary>How a seat reads in user administration: "Nestleder i AU", "For Kommunene i Innlandet (samlet)".</summary>
public static class SeatText
{
    public static string RoleIn(this UserSeatView seat) => $"{Capital(seat.Role.Label())} i {seat.BodyShortName}";

    /// <summary>Whom the seat speaks for or comes from, as a line of its own.</summary>
    public static string? Represents(this UserSeatView seat) => seat.Role switch
    {
        SeatRole.Participant when seat.ParticipantKind is { } kind =>
            Capital(kind.Label()) + (seat.PartyName is null ? "" : $", fra {seat.PartyName}"),
        SeatRole.Observer or SeatRole.Secretariat => (seat.Organisation ?? seat.PartyName) is { } from ? $"Fra {from}" : null,
        _ => seat.PartyName is null ? null : $"For {seat.PartyName}",
    };

    public static string Capital(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Norwegian.Culture) + text[1..];
}
