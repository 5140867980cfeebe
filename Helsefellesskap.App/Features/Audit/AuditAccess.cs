using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.App.Features.Audit;

/// <summary>Who may read the audit trail.</summary>
public static class AuditAccess
{
    /// <summary>The whole log and its verification: the secretariat and the administrators.</summary>
    public static bool MayReadLog(SignedInUser? user, DateOnly day) =>
        user is not null && (user.IsAdministrator || user.IsSecretariat(day));

    /// <summary>
    /// A case's history: also those who decide in a body (chair, deputy, member or substitute). Participants
    /// and observers follow the case itself, not who changed what in it.
    /// </summary>
    public static bool MayReadCaseHistory(SignedInUser? user, DateOnly day) =>
        MayReadLog(user, day) || user!.SeatsOn(day).Any(s =>
            s.Seat.Role is SeatRole.Chair or SeatRole.DeputyChair or SeatRole.Member or SeatRole.Substitute);
}
