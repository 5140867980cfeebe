using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.App.Features.Administration;

/// <summary>How a seat reads in user administration: "Nestleder i AU", "for Kommunene i Innlandet (samlet)".</summary>
public static class SeatText
{
    public static string RoleIn(this UserSeatView seat) => $"{Capital(seat.Role.Label())} i {seat.BodyShortName}";

    public static string? Represents(this UserSeatView seat) => seat.Role switch
    {
        SeatRole.Participant when seat.ParticipantKind is { } kind => seat.PartyName is null ? Capital(kind.Label()) : $"{Capital(kind.Label())}, {seat.PartyName}",
        SeatRole.Observer => seat.Organisation,
        _ => seat.PartyName ?? seat.Organisation,
    };

    public static string Capital(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Norwegian.Culture) + text[1..];
}
