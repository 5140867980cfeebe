using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Domain.Access;

/// <summary>A seat as an actor holds it: enough to decide what the actor may do in a body on a day.</summary>
public sealed record ActorSeat(Guid BodyId, string BodyName, SeatRole Role, Guid? PartyId, Term Term, bool WithoutPosition = false);

/// <summary>
/// The person behind a command, with the seats they hold. The app reads it from the database for every
/// command, so a seat that has ended or a user who was deactivated cannot act from a tab left open.
/// </summary>
public sealed class Actor
{
    private readonly IReadOnlyList<ActorSeat> _seats;

    public Actor(Guid? personId, string name, bool isAdministrator, IEnumerable<ActorSeat> seats,
        IEnumerable<Guid>? recordsRatificationFor = null)
    {
        PersonId = personId;
        Name = name;
        IsAdministrator = isAdministrator;
        _seats = seats.ToList();
        RecordsRatificationFor = (recordsRatificationFor ?? []).ToHashSet();
    }

    /// <summary>The parties whose local ratification an administrator has let this person record.</summary>
    public IReadOnlySet<Guid> RecordsRatificationFor { get; }

    /// <summary>The sign-in the actor acts through; the app sets it, so an administrator can be told apart from the user they manage.</summary>
    public string? UserId { get; init; }

    /// <summary>How the actor signed in through an identity provider; null for a password sign-in.</summary>
    public SignInProof? SignIn { get; init; }

    /// <summary>The organisation (org number or tenant id) the sign-in proved; a position records it.</summary>
    public string? ProvedOrganisation => SignIn?.Organisation;

    public Guid? PersonId { get; }
    public string Name { get; }
    public bool IsAdministrator { get; }
    public IReadOnlyList<ActorSeat> Seats => _seats;

    public IEnumerable<ActorSeat> SeatsOn(DateOnly day) => _seats.Where(s => s.Term.Includes(day));

    /// <summary>The secretariat serves the partnership as a whole: a secretariat seat in any body counts.</summary>
    public bool IsSecretariat(DateOnly day) => SeatsOn(day).Any(s => s.Role == SeatRole.Secretariat);

    public bool ChairsOrDeputises(Guid bodyId, DateOnly day) =>
        SeatsOn(day).Any(s => s.BodyId == bodyId && s.Role is SeatRole.Chair or SeatRole.DeputyChair);

    public bool HoldsPositionFor(Guid bodyId, Guid partyId, DateOnly day) =>
        SeatsOn(day).Any(s => s.BodyId == bodyId && s.PartyId == partyId && !s.WithoutPosition &&
            s.Role is SeatRole.Chair or SeatRole.DeputyChair or SeatRole.Member or SeatRole.Substitute);

    /// <summary>The roles the actor writes in on the day: what a provider may require a second factor for.</summary>
    public IEnumerable<WritingRole> WritingRolesOn(DateOnly day)
    {
        var seats = SeatsOn(day).ToList();
        if (IsAdministrator) yield return WritingRole.Administrator;
        if (seats.Any(s => s.Role == SeatRole.Secretariat)) yield return WritingRole.Secretariat;
        if (seats.Any(s => s.Role is SeatRole.Chair or SeatRole.DeputyChair)) yield return WritingRole.Chair;
        if (seats.Any(s => s.PartyId is not null && !s.WithoutPosition &&
                s.Role is SeatRole.Chair or SeatRole.DeputyChair or SeatRole.Member or SeatRole.Substitute))
            yield return WritingRole.Representative;
    }

    /// <summary>
    /// A sign-in without the second factor that one of the actor's roles requires is read-only: the actor reads as
    /// their seats allow and every command refuses, for every role they hold (a person is one sign-in, not one per role).
    /// </summary>
    public string? ReadOnlyReason(DateOnly day) => ReadOnlyReason(WritingRolesOn(day));

    public bool IsReadOnly(DateOnly day) => ReadOnlyReason(day) is not null;

    public void MustWrite(DateOnly day)
    {
        if (ReadOnlyReason(day) is { } reason) throw new DomainException(reason);
    }

    private string? ReadOnlyReason(IEnumerable<WritingRole> roles)
    {
        if (SignIn is not { SecondFactor: false } signIn) return null;
        var role = roles.Where(signIn.SecondFactorRequiredFor.Contains).Cast<WritingRole?>().FirstOrDefault();
        return role is null ? null :
            $"Du er logget inn med {signIn.Provider} uten andre faktor, og rollen din som {RoleName(role.Value)} krever det. " +
            "Du kan lese, men ikke endre noe. Logg ut og logg inn på nytt med andre faktor (for eksempel Microsoft Authenticator eller BankID).";
    }

    private static string RoleName(WritingRole role) => role switch
    {
        WritingRole.Administrator => "administrator",
        WritingRole.Secretariat => "sekretariat",
        WritingRole.Chair => "leder eller nestleder",
        _ => "representant for en part",
    };

    /// <summary>The person the record names as having acted; an administrator without a person acts as no one.</summary>
    public Guid ActingPersonId => PersonId ?? throw new DomainException(
        $"{Name} er ikke knyttet til en person i helsefellesskapet og kan ikke handle i saker.");

    public const string NoSeatMessage = "Du har ikke lenger et verv i helsefellesskapet – kontakt sekretariatet.";

    /// <summary>
    /// Who has something to do here on a day: a person with a seat that day (the secretariat's and an observer's are
    /// seats too), an administrator, or a person an administrator let record a party's ratification. Nobody else
    /// signs in or keeps a sign-in: a seat that ended takes the person's sessions with it.
    /// </summary>
    public bool HasBusinessHere(DateOnly day) => IsAdministrator || SeatsOn(day).Any() || RecordsRatificationFor.Count > 0;

    /// <summary>The administrator and the secretariat manage users and seats; nobody else does.</summary>
    public bool MayAdminister(DateOnly day) => IsAdministrator || IsSecretariat(day);

    /// <summary>Seeing the users is administering too; the commands that change them also check <see cref="MustWrite"/>.</summary>
    public void MustAdminister(DateOnly day) =>
        DomainException.ThrowIf(!MayAdminister(day), "Bare administrator eller sekretariatet kan administrere brukere og verv.");

    /// <summary>
    /// Deactivating an administrator or setting their password is for an administrator: otherwise the secretariat
    /// could sign in as the one who manages the secretariat's own users.
    /// </summary>
    public void MustManageAccount(DateOnly day, bool ofAdministrator)
    {
        MustAdminister(day);
        DomainException.ThrowIf(ofAdministrator && !IsAdministrator,
            "Bare en administrator kan deaktivere en administrator eller gi den nytt passord.");
        MustWrite(day);
    }

    /// <summary>Nobody deactivates their own user, so user administration can never lock out the last one who manages it.</summary>
    public void MustDeactivate(DateOnly day, string userId, bool ofAdministrator)
    {
        MustManageAccount(day, ofAdministrator);
        DomainException.ThrowIf(userId == UserId,
            "Du kan ikke deaktivere din egen bruker. Be en annen administrator eller sekretariatet om det.");
    }

    public void MustBeSecretariat(DateOnly day, string action)
    {
        DomainException.ThrowIf(!IsSecretariat(day), $"Bare sekretariatet kan {action}.");
        MustWrite(day);
    }

    public void MustChair(Guid bodyId, string bodyName, DateOnly day, string action)
    {
        DomainException.ThrowIf(!ChairsOrDeputises(bodyId, day), $"Bare lederen eller nestlederen i {bodyName} kan {action}.");
        MustWrite(day);
    }

    /// <summary>
    /// A representative states the position of the party their seat represents; the secretariat may register
    /// it on the party's behalf, and the record then says so. A sign-in through a provider that proves parties
    /// must prove the seat's party: a representative whose sign-in names another organisation reads, but does not speak
    /// for the party.
    /// </summary>
    public bool RegistersOnBehalf(Guid bodyId, Party party, string bodyName, DateOnly day)
    {
        if (HoldsPositionFor(bodyId, party.Id, day))
        {
            MustWrite(day);
            if (SignIn is not { } signIn || signIn.Proves(party.Id)) return false;
            DomainException.ThrowIf(!IsSecretariat(day),
                $"Innloggingen din med {signIn.Provider} viser ikke at du representerer {party.Name}" +
                (signIn.Organisation is { } org ? $" (den viser organisasjonen {org})" : "") +
                $". Du kan lese saken, men ikke gi standpunkt for {party.Name}. Logg inn med identiteten fra {party.Name}.");
            return true;
        }
        DomainException.ThrowIf(!IsSecretariat(day),
            $"Du representerer ikke {party.Name} i {bodyName} og kan ikke gi standpunkt for den parten.");
        MustWrite(day);
        return true;
    }

    /// <summary>The secretariat records every party's local ratification; a person with a grant records their party's.</summary>
    public bool MayRecordRatification(Guid partyId, DateOnly day) =>
        IsSecretariat(day) || (PersonId is not null && RecordsRatificationFor.Contains(partyId));

    public void MustRecordRatification(Party party, DateOnly day)
    {
        DomainException.ThrowIf(!MayRecordRatification(party.Id, day),
            $"Bare sekretariatet, eller en bruker administrator har gitt tillatelse for {party.Name}, kan registrere forankring for {party.Name}.");
        MustWrite(day);
    }

    /// <summary>Letting someone write on the partnership's record for a party is the administrator's call.</summary>
    public void MustGrantRatificationRecording()
    {
        DomainException.ThrowIf(!IsAdministrator, "Bare en administrator kan gi en bruker tillatelse til å registrere forankring.");
        if (ReadOnlyReason([WritingRole.Administrator]) is { } reason) throw new DomainException(reason);
    }

    /// <summary>Switching password sign-in off (or on again) for everyone but administrators is the administrator's call.</summary>
    public void MustSwitchLocalSignIn()
    {
        DomainException.ThrowIf(!IsAdministrator, "Bare en administrator kan slå innlogging med passord av eller på.");
        if (ReadOnlyReason([WritingRole.Administrator]) is { } reason) throw new DomainException(reason);
    }

    /// <summary>Removing a person's link to an identity provider is user administration.</summary>
    public void MustRemoveExternalLogin(DateOnly day)
    {
        MustAdminister(day);
        MustWrite(day);
    }

    /// <summary>
    /// A draft is the secretariat's until registered. A case exempt under a duty of confidentiality (offl. § 13) is read
    /// by the secretariat and by those with a seat other than observer in a body treating or meant to treat it;
    /// every other case is read by every signed-in user.
    /// </summary>
    public bool MayReadCase(Case @case, DateOnly day) => ReadRefusal(@case, day) is null;

    public void MustReadCase(Case @case, DateOnly day)
    {
        if (ReadRefusal(@case, day) is { } reason) throw new DomainException(reason);
    }

    private string? ReadRefusal(Case @case, DateOnly day)
    {
        if (IsSecretariat(day)) return null;
        if (@case.Number is null) return "Du har ikke tilgang til denne saken. Et utkast leses bare av sekretariatet før saken er registrert.";
        if (!@case.IsConfidential) return null;
        var bodies = @case.TreatingBodyIds.ToHashSet();
        return SeatsOn(day).Any(s => s.Role != SeatRole.Observer && bodies.Contains(s.BodyId))
            ? null
            : $"Du har ikke tilgang til denne saken. Den er unntatt offentlighet etter {@case.ExemptionBasis} (taushetsplikt) og leses bare av sekretariatet og dem som har verv i et utvalg som behandler saken.";
    }
}
