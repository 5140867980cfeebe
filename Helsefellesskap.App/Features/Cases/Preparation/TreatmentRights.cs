using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.App.Features.Cases.Preparation;

/// <summary>
/// What the signed-in user may do in one treatment, so the page offers only that. The services check the
/// same rules again, from the database, on every command.
/// </summary>
public sealed record TreatmentRights(IReadOnlyList<Guid> PartiesToSpeakFor, bool SpeaksOnBehalf, bool Leads, bool Amends)
{
    public static TreatmentRights For(SignedInUser? user, Treatment treatment, DateOnly today)
    {
        if (user is null || treatment.IsClosed) return new([], false, false, false);
        var seats = user.SeatsOn(today).Select(s => s.Seat).ToList();
        var secretariat = seats.Any(s => s.Role == SeatRole.Secretariat);
        var own = seats.Where(s => s.BodyId == treatment.BodyId && s.MayHoldPosition && s.PartyId is not null)
            .Select(s => s.PartyId!.Value).Where(treatment.RequiredParties.Contains).Distinct().ToList();
        var leads = seats.Any(s => s.BodyId == treatment.BodyId && s.Role is SeatRole.Chair or SeatRole.DeputyChair);
        var parties = own.Count > 0 || !secretariat ? own : treatment.RequiredParties.ToList();
        return new(parties, own.Count == 0 && secretariat, leads, leads || secretariat);
    }
}
