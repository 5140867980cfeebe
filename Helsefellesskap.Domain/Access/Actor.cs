using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Domain.Access;

/// <summary>A seat as an actor holds it: enough to decide what the actor may do in a body on a day.</summary>
public sealed record ActorSeat(Guid BodyId, string BodyName, SeatRole Role, Guid? PartyId, Term Term, bool WithoutPosition = false)
{
    /// <summary>The body's full name, for telling the actor their seats; <see cref="BodyName"/> is its short name.</summary>
    public string? BodyFullName { get; init; }

    /// <summary>Chair, deputy, members and substitutes speak for their party (a chair without a position excepted).</summary>
    public bool MayHoldPosition => PartyId is not null && !WithoutPosition &&
        Role is SeatRole.Chair or SeatRole.DeputyChair or SeatRole.Member or SeatRole.Substitute;

    /// <summary>Participants leave a remark for the minutes without holding a position; observers do neither.</summary>
    public bool MayLeaveRemark => MayHoldPosition || Role == SeatRole.Participant;
}

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

    /// <summary>No one: the actor of a screen whose user could not be read, who may do nothing.</summary>
    public static readonly Actor Nobody = new(null, "", false, []);

    public Guid? PersonId { get; }
    public string Name { get; }

    /// <summary>The person's title, for telling them who they are signed in as.</summary>
    public string? Title { get; init; }
    public bool IsAdministrator { get; }
    public IReadOnlyList<ActorSeat> Seats => _seats;

    public IEnumerable<ActorSeat> SeatsOn(DateOnly day) => _seats.Where(s => s.Term.Includes(day));

    /// <summary>The secretariat serves the partnership as a whole: a secretariat seat in any body counts.</summary>
    public bool IsSecretariat(DateOnly day) => SeatsOn(day).Any(s => s.Role == SeatRole.Secretariat);

    public bool ChairsOrDeputises(Guid bodyId, DateOnly day) =>
        SeatsOn(day).Any(s => s.BodyId == bodyId && s.Role is SeatRole.Chair or SeatRole.DeputyChair);

    public bool HoldsPositionFor(Guid bodyId, Guid partyId, DateOnly day) =>
        SeatsOn(day).Any(s => s.BodyId == bodyId && s.PartyId == partyId && s.MayHoldPosition);

    /// <summary>The roles the actor writes in on the day: what a provider may require a second factor for.</summary>
    public IEnumerable<WritingRole> WritingRolesOn(DateOnly day)
    {
        var seats = SeatsOn(day).ToList();
        if (IsAdministrator) yield return WritingRole.Administrator;
        if (seats.Any(s => s.Role == SeatRole.Secretariat)) yield return WritingRole.Secretariat;
        if (seats.Any(s => s.Role is SeatRole.Chair or SeatRole.DeputyChair)) yield return WritingRole.Chair;
        if (seats.Any(s => s.MayHoldPosition))
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

    // One answer to "may I?": every command in docs/roles.md has a MayX that pages ask before they offer it, and the
    // MustX that the command calls, which is MayX or a DomainException with the reason. A refusal names the role first;
    // a role that may act but signed in without the second factor it needs is told so (ReadOnlyReason).

    private static void Must(string? refusal)
    {
        if (refusal is not null) throw new DomainException(refusal);
    }

    /// <summary>The role's refusal, or else the sign-in's: a read-only sign-in writes nothing.</summary>
    private string? Writing(string? roleRefusal, DateOnly day) => roleRefusal ?? ReadOnlyReason(day);

    private string? SecretariatRefusal(DateOnly day, string action) =>
        Writing(IsSecretariat(day) ? null : $"Bare sekretariatet kan {action}.", day);

    private string? ChairRefusal(Guid bodyId, string bodyName, DateOnly day, string action) =>
        Writing(ChairsOrDeputises(bodyId, day) ? null : $"Bare lederen eller nestlederen i {bodyName} kan {action}.", day);

    /// <summary>The secretariat and the body's chair (or deputy) run its meetings and may amend a wording.</summary>
    private string? ChairOrSecretariatRefusal(Guid bodyId, string bodyName, DateOnly day, string action) =>
        IsSecretariat(day) ? Writing(null, day) : ChairRefusal(bodyId, bodyName, day, action);

    // --- Users and seats ---

    /// <summary>The administrator and the secretariat manage users and seats; nobody else does. Seeing the users is administering too.</summary>
    public bool MayAdminister(DateOnly day) => IsAdministrator || IsSecretariat(day);

    private string? AdministerRefusal(DateOnly day) =>
        MayAdminister(day) ? null : "Bare administrator eller sekretariatet kan administrere brukere og verv.";

    /// <summary>Reading the users; the commands that change them also check the sign-in.</summary>
    public void MustAdminister(DateOnly day) => Must(AdministerRefusal(day));

    private string? ChangeUsersRefusal(DateOnly day) => Writing(AdministerRefusal(day), day);

    public bool MayCreateUser(DateOnly day) => ChangeUsersRefusal(day) is null;
    public void MustCreateUser(DateOnly day) => Must(ChangeUsersRefusal(day));
    public bool MayAddSeat(DateOnly day) => ChangeUsersRefusal(day) is null;
    public void MustAddSeat(DateOnly day) => Must(ChangeUsersRefusal(day));
    public bool MayEndSeat(DateOnly day) => ChangeUsersRefusal(day) is null;
    public void MustEndSeat(DateOnly day) => Must(ChangeUsersRefusal(day));
    /// <summary>A person's name, title and e-mail are user administration too.</summary>
    public bool MayEditPerson(DateOnly day) => ChangeUsersRefusal(day) is null;
    public void MustEditPerson(DateOnly day) => Must(ChangeUsersRefusal(day));

    /// <summary>
    /// Deactivating an administrator or setting their password is for an administrator: otherwise the secretariat
    /// could sign in as the one who manages the secretariat's own users.
    /// </summary>
    private string? ManageAccountRefusal(DateOnly day, bool ofAdministrator) =>
        AdministerRefusal(day)
        ?? (ofAdministrator && !IsAdministrator ? "Bare en administrator kan deaktivere en administrator eller gi den nytt passord." : null)
        ?? ReadOnlyReason(day);

    /// <summary>Setting a temporary password for someone else, or letting a deactivated user in again.</summary>
    public bool MayManageAccount(DateOnly day, bool ofAdministrator) => ManageAccountRefusal(day, ofAdministrator) is null;
    public void MustManageAccount(DateOnly day, bool ofAdministrator) => Must(ManageAccountRefusal(day, ofAdministrator));

    /// <summary>Nobody deactivates their own user, so user administration can never lock out the last one who manages it.</summary>
    private string? DeactivateRefusal(DateOnly day, string userId, bool ofAdministrator) =>
        ManageAccountRefusal(day, ofAdministrator)
        ?? (userId == UserId ? "Du kan ikke deaktivere din egen bruker. Be en annen administrator eller sekretariatet om det." : null);

    public bool MayDeactivate(DateOnly day, string userId, bool ofAdministrator) => DeactivateRefusal(day, userId, ofAdministrator) is null;
    public void MustDeactivate(DateOnly day, string userId, bool ofAdministrator) => Must(DeactivateRefusal(day, userId, ofAdministrator));

    /// <summary>Removing a person's link to an identity provider is user administration.</summary>
    public bool MayRemoveExternalLogin(DateOnly day) => ChangeUsersRefusal(day) is null;
    public void MustRemoveExternalLogin(DateOnly day) => Must(ChangeUsersRefusal(day));

    private string? AdministratorRefusal(string refusal) =>
        !IsAdministrator ? refusal : ReadOnlyReason([WritingRole.Administrator]);

    /// <summary>Switching password sign-in off (or on again) for everyone but administrators is the administrator's call.</summary>
    public bool MaySwitchLocalSignIn() => SwitchLocalSignInRefusal() is null;
    public void MustSwitchLocalSignIn() => Must(SwitchLocalSignInRefusal());
    private string? SwitchLocalSignInRefusal() => AdministratorRefusal("Bare en administrator kan slå innlogging med passord av eller på.");

    /// <summary>The audit log and its verification: the secretariat and the administrators.</summary>
    public bool MayReadAuditLog(DateOnly day) => IsAdministrator || IsSecretariat(day);

    public void MustReadAuditLog(DateOnly day) =>
        DomainException.ThrowIf(!MayReadAuditLog(day), "Bare sekretariatet og administratorer kan lese revisjonsloggen.");

    public void MustVerifyAuditLog(DateOnly day) =>
        DomainException.ThrowIf(!MayReadAuditLog(day), "Bare sekretariatet og administratorer kan kontrollere revisjonsloggen.");

    /// <summary>
    /// A case's history: also those who decide in a body (chair, deputy, member or substitute). Participants
    /// and observers follow the case itself, not who changed what in it.
    /// </summary>
    public bool MayReadCaseHistory(DateOnly day) => MayReadAuditLog(day) || SeatsOn(day).Any(s =>
        s.Role is SeatRole.Chair or SeatRole.DeputyChair or SeatRole.Member or SeatRole.Substitute);

    public void MustReadCaseHistory(DateOnly day) => DomainException.ThrowIf(!MayReadCaseHistory(day),
        "Historikken til en sak er for sekretariatet, administratorer og ledere, nestledere, medlemmer og vara i utvalgene.");

    /// <summary>The e-mails the app has sent are read by those who administer users, whose addresses they went to.</summary>
    public bool MayReadMailings(DateOnly day) => MayAdminister(day);
    public void MustReadMailings(DateOnly day) => MustAdminister(day);

    /// <summary>Sending a failed e-mail again is a command like any other: a read-only sign-in does not.</summary>
    public bool MaySendMailAgain(DateOnly day) => ChangeUsersRefusal(day) is null;
    public void MustSendMailAgain(DateOnly day) => Must(ChangeUsersRefusal(day));

    private string? ReminderLeadTimesRefusal(DateOnly day) => Writing(
        MayAdminister(day) ? null : "Bare administrator eller sekretariatet kan endre når påminnelsene sendes.", day);

    /// <summary>A body's lead times for reminders are set by those who run the partnership's mail: administrator and secretariat.</summary>
    public bool MayChangeReminderLeadTimes(DateOnly day) => ReminderLeadTimesRefusal(day) is null;
    public void MustChangeReminderLeadTimes(DateOnly day) => Must(ReminderLeadTimesRefusal(day));

    // --- Cases ---

    public bool MayCreateDraft(DateOnly day) => SecretariatRefusal(day, "opprette saker") is null;
    public void MustCreateDraft(DateOnly day) => Must(SecretariatRefusal(day, "opprette saker"));
    /// <summary>Saving a draft's text, and saving the proposed decision as a new version.</summary>
    public bool MaySaveDraft(DateOnly day) => SecretariatRefusal(day, "endre saker") is null;
    public void MustSaveDraft(DateOnly day) => Must(SecretariatRefusal(day, "endre saker"));
    public bool MaySaveProposalVersion(DateOnly day) => MaySaveDraft(day);
    public void MustSaveProposalVersion(DateOnly day) => MustSaveDraft(day);
    public bool MayRegisterCase(DateOnly day) => SecretariatRefusal(day, "registrere saker") is null;
    public void MustRegisterCase(DateOnly day) => Must(SecretariatRefusal(day, "registrere saker"));
    public bool MaySendForPreparation(DateOnly day) => SecretariatRefusal(day, "sende saker til forberedelse") is null;
    public void MustSendForPreparation(DateOnly day) => Must(SecretariatRefusal(day, "sende saker til forberedelse"));
    public bool MayAddAttachment(DateOnly day) => SecretariatRefusal(day, "legge ved filer") is null;
    public void MustAddAttachment(DateOnly day) => Must(SecretariatRefusal(day, "legge ved filer"));
    public bool MayRemoveAttachment(DateOnly day) => SecretariatRefusal(day, "fjerne vedlegg") is null;
    public void MustRemoveAttachment(DateOnly day) => Must(SecretariatRefusal(day, "fjerne vedlegg"));
    public bool MaySetPublication(DateOnly day) => SecretariatRefusal(day, "avgjøre om en sak er unntatt offentlighet") is null;
    public void MustSetPublication(DateOnly day) => Must(SecretariatRefusal(day, "avgjøre om en sak er unntatt offentlighet"));
    /// <summary>The proposed decision's working text, not yet saved as a version, is the secretariat's to read.</summary>
    public bool MayReadProposalDraft(DateOnly day) => IsSecretariat(day);
    public bool MayAddAddendum(DateOnly day) => SecretariatRefusal(day, "legge til tilleggsopplysninger og rettelser") is null;
    public void MustAddAddendum(DateOnly day) => Must(SecretariatRefusal(day, "legge til tilleggsopplysninger og rettelser"));

    /// <summary>The secretariat and the body's chair or deputy amend the wording the parties take a position on.</summary>
    public bool MayAmendWording(Guid bodyId, DateOnly day) => ChairOrSecretariatRefusal(bodyId, "", day, "endre ordlyden") is null;
    public void MustAmendWording(Guid bodyId, string bodyName, DateOnly day) => Must(ChairOrSecretariatRefusal(bodyId, bodyName, day, "endre ordlyden"));

    /// <summary>Concluding a body's treatment (putting the advice forward, or choosing where a case without consensus goes) is the chair's.</summary>
    public bool MayPutForward(Guid bodyId, DateOnly day) => ChairRefusal(bodyId, "", day, "avslutte behandlingen") is null;
    public void MustPutForward(Guid bodyId, string bodyName, DateOnly day) => Must(ChairRefusal(bodyId, bodyName, day, "avslutte behandlingen"));
    public bool MaySendBack(Guid bodyId, DateOnly day) => ChairRefusal(bodyId, "", day, "sende saken tilbake til sekretariatet") is null;
    public void MustSendBack(Guid bodyId, string bodyName, DateOnly day) => Must(ChairRefusal(bodyId, bodyName, day, "sende saken tilbake til sekretariatet"));

    /// <summary>
    /// A representative states the position of the party their seat represents; the secretariat may register
    /// it on the party's behalf, and the record then says so. A sign-in through a provider that proves parties
    /// must prove the seat's party: a representative whose sign-in names another organisation reads, but does not speak
    /// for the party.
    /// </summary>
    private string? PositionRefusal(Guid bodyId, Guid partyId, string partyName, string bodyName, DateOnly day)
    {
        if (HoldsPositionFor(bodyId, partyId, day))
        {
            if (ReadOnlyReason(day) is { } readOnly) return readOnly;
            if (SignIn is not { } signIn || signIn.Proves(partyId) || IsSecretariat(day)) return null;
            return $"Innloggingen din med {signIn.Provider} viser ikke at du representerer {partyName}" +
                (signIn.Organisation is { } org ? $" (den viser organisasjonen {org})" : "") +
                $". Du kan lese saken, men ikke gi standpunkt for {partyName}. Logg inn med identiteten fra {partyName}.";
        }
        return Writing(IsSecretariat(day) ? null : $"Du representerer ikke {partyName} i {bodyName} og kan ikke gi standpunkt for den parten.", day);
    }

    /// <summary>Whether the actor may register the party's position in the body (their own party's, or any on the party's behalf).</summary>
    public bool MayRegisterPosition(Guid bodyId, Guid partyId, DateOnly day) => PositionRefusal(bodyId, partyId, "", "", day) is null;

    /// <summary>
    /// Why the actor may not give the position of a party their own seat speaks for (a sign-in that proves another
    /// organisation), for a page to say so where the form would be. Nothing for a read-only sign-in: a banner says that.
    /// </summary>
    public IReadOnlyList<string> OwnPositionRefusals(Guid bodyId, string bodyName, IReadOnlyDictionary<Guid, string> parties, DateOnly day) =>
        IsReadOnly(day) ? [] : parties.Where(p => HoldsPositionFor(bodyId, p.Key, day))
            .Select(p => PositionRefusal(bodyId, p.Key, p.Value, bodyName, day)).OfType<string>().ToList();

    /// <summary>The position is registered on the party's behalf (by the secretariat) when the actor does not speak for it.</summary>
    public bool SpeaksFor(Guid bodyId, Guid partyId, DateOnly day) =>
        HoldsPositionFor(bodyId, partyId, day) && (SignIn is not { } signIn || signIn.Proves(partyId));

    /// <summary>Registers the position or refuses; true when the record must say it was given on the party's behalf.</summary>
    public bool RegistersOnBehalf(Guid bodyId, Party party, string bodyName, DateOnly day)
    {
        Must(PositionRefusal(bodyId, party.Id, party.Name, bodyName, day));
        return !SpeaksFor(bodyId, party.Id, day);
    }

    /// <summary>
    /// The parties a treatment's form offers: the ones the actor's own seats speak for, or, for the secretariat with
    /// no such seat, every party that must agree (registered on its behalf). Nothing for a read-only sign-in.
    /// </summary>
    public IReadOnlyList<Guid> PartiesToRegisterFor(Guid bodyId, IEnumerable<Guid> requiredParties, DateOnly day)
    {
        var required = requiredParties.ToList();
        var own = required.Where(p => HoldsPositionFor(bodyId, p, day)).ToList();
        var offered = own.Count > 0 || !IsSecretariat(day) ? own : required;
        return offered.Where(p => MayRegisterPosition(bodyId, p, day)).ToList();
    }

    // --- Meetings ---

    public bool MayScheduleMeeting(DateOnly day) => SecretariatRefusal(day, "planlegge møter") is null;
    public void MustScheduleMeeting(DateOnly day) => Must(SecretariatRefusal(day, "planlegge møter"));
    /// <summary>Putting cases on the agenda, ordering it and taking them off.</summary>
    public bool MaySetAgenda(DateOnly day) => SecretariatRefusal(day, "sette opp sakslisten") is null;
    public void MustSetAgenda(DateOnly day) => Must(SecretariatRefusal(day, "sette opp sakslisten"));
    public bool MaySendNotice(DateOnly day) => SecretariatRefusal(day, "sende innkallingen") is null;
    public void MustSendNotice(DateOnly day) => Must(SecretariatRefusal(day, "sende innkallingen"));
    public bool MayRescheduleMeeting(DateOnly day) => SecretariatRefusal(day, "endre tid og sted for møtet") is null;
    public void MustRescheduleMeeting(DateOnly day) => Must(SecretariatRefusal(day, "endre tid og sted for møtet"));
    public bool MayCancelMeeting(DateOnly day) => SecretariatRefusal(day, "avlyse møtet") is null;
    public void MustCancelMeeting(DateOnly day) => Must(SecretariatRefusal(day, "avlyse møtet"));
    /// <summary>Recording who is present, and calling in a substitute.</summary>
    public bool MayRecordAttendance(DateOnly day) => SecretariatRefusal(day, "registrere oppmøte") is null;
    public void MustRecordAttendance(DateOnly day) => Must(SecretariatRefusal(day, "registrere oppmøte"));
    public bool MayWriteMinutes(DateOnly day) => SecretariatRefusal(day, "skrive protokollen") is null;
    public void MustWriteMinutes(DateOnly day) => Must(SecretariatRefusal(day, "skrive protokollen"));

    /// <summary>A person reports their own absence (the meeting checks they are called); the secretariat reports anyone's.</summary>
    private string? AbsenceRefusal(Guid personId, DateOnly day) =>
        personId == PersonId ? Writing(null, day) : SecretariatRefusal(day, "melde forfall for andre");

    public bool MayReportAbsence(Guid personId, DateOnly day) => AbsenceRefusal(personId, day) is null;
    public void MustReportAbsence(Guid personId, DateOnly day) => Must(AbsenceRefusal(personId, day));

    /// <summary>The secretariat and the body's chair (or deputy) open and close the meeting, its items, and approve and correct its minutes.</summary>
    public bool MayRunMeeting(Guid bodyId, DateOnly day) => ChairOrSecretariatRefusal(bodyId, "", day, "lede møtet") is null;
    public void MustRunMeeting(Guid bodyId, string bodyName, DateOnly day, string action) => Must(ChairOrSecretariatRefusal(bodyId, bodyName, day, action));
    public bool MayOpenMeeting(Guid bodyId, DateOnly day) => MayRunMeeting(bodyId, day);
    public void MustOpenMeeting(Guid bodyId, string bodyName, DateOnly day) => MustRunMeeting(bodyId, bodyName, day, "åpne møtet");
    public bool MayOpenMeetingItem(Guid bodyId, DateOnly day) => MayRunMeeting(bodyId, day);
    public void MustOpenMeetingItem(Guid bodyId, string bodyName, DateOnly day) => MustRunMeeting(bodyId, bodyName, day, "åpne et punkt på sakslisten");
    public bool MayApproveMinutes(Guid bodyId, DateOnly day) => MayRunMeeting(bodyId, day);
    public void MustApproveMinutes(Guid bodyId, string bodyName, DateOnly day) => MustRunMeeting(bodyId, bodyName, day, "registrere at protokollen er godkjent");
    public bool MayCorrectMinutes(Guid bodyId, DateOnly day) => MayRunMeeting(bodyId, day);
    public void MustCorrectMinutes(Guid bodyId, string bodyName, DateOnly day) => MustRunMeeting(bodyId, bodyName, day, "rette en godkjent protokoll");

    /// <summary>
    /// Only the chair (or deputy) closes a case's treatment in a meeting, because the outcome is the chair's to announce;
    /// an item that is not a case is closed by whoever runs the meeting.
    /// </summary>
    private string? CloseItemRefusal(Guid bodyId, string bodyName, DateOnly day, bool isCase) => isCase
        ? ChairRefusal(bodyId, bodyName, day, "avslutte behandlingen av en sak")
        : ChairOrSecretariatRefusal(bodyId, bodyName, day, "avslutte et punkt på sakslisten");

    public bool MayCloseMeetingItem(Guid bodyId, DateOnly day, bool isCase) => CloseItemRefusal(bodyId, "", day, isCase) is null;
    public void MustCloseMeetingItem(Guid bodyId, string bodyName, DateOnly day, bool isCase) => Must(CloseItemRefusal(bodyId, bodyName, day, isCase));

    /// <summary>
    /// In a meeting, a representative states their own party's position as the attendance stands (not after reporting
    /// absence; a substitute once called in), and the secretariat registers any party's on its behalf.
    /// </summary>
    private string? MeetingPositionRefusal(Guid bodyId, Guid partyId, string partyName, string bodyName, DateOnly day, MeetingPresence presence) =>
        PositionRefusal(bodyId, partyId, partyName, bodyName, day)
        ?? (SpeaksFor(bodyId, partyId, day) ? Meeting.PositionRefusal(SeatFor(bodyId, partyId, day), presence) : null);

    public bool MayStatePositionInMeeting(Guid bodyId, Guid partyId, DateOnly day, MeetingPresence presence) =>
        MeetingPositionRefusal(bodyId, partyId, "", "", day, presence) is null;

    public void MustStatePositionInMeeting(Guid bodyId, Party party, string bodyName, DateOnly day, MeetingPresence presence) =>
        Must(MeetingPositionRefusal(bodyId, party.Id, party.Name, bodyName, day, presence));

    /// <summary>A substitute seat counts only once called in, so an ordinary seat for the party is preferred.</summary>
    private SeatRole SeatFor(Guid bodyId, Guid partyId, DateOnly day) => SeatsOn(day)
        .Where(s => s.BodyId == bodyId && s.PartyId == partyId && s.MayHoldPosition)
        .OrderBy(s => s.Role == SeatRole.Substitute).Select(s => s.Role).First();

    /// <summary>The parties the actor's own seats state the position of in the meeting, as the attendance now stands.</summary>
    public IReadOnlyList<Guid> OwnPartiesInMeeting(Guid bodyId, DateOnly day, MeetingPresence presence) =>
        SeatsOn(day).Where(s => s.BodyId == bodyId && s.MayHoldPosition).Select(s => s.PartyId!.Value).Distinct()
            .Where(p => MayStatePositionInMeeting(bodyId, p, day, presence)).ToList();

    /// <summary>The secretariat registers any party's position on its behalf, in a treatment or in a meeting.</summary>
    public bool MayRegisterOtherPosition(DateOnly day) => SecretariatRefusal(day, "gi standpunkt på vegne av en part") is null;
    public bool MayStateOtherPositionInMeeting(DateOnly day) => MayRegisterOtherPosition(day);

    /// <summary>Anyone with a say in the body, participants included, and the secretariat add remarks for the minutes.</summary>
    private string? RemarkRefusal(Guid bodyId, string bodyName, DateOnly day) => Writing(
        IsSecretariat(day) || SeatsOn(day).Any(s => s.BodyId == bodyId && s.MayLeaveRemark) ? null
            : $"Bare medlemmer, deltakere og sekretariatet i {bodyName} kan gi merknader til protokollen.", day);

    public bool MayAddRemark(Guid bodyId, DateOnly day) => RemarkRefusal(bodyId, "", day) is null;
    public void MustAddRemark(Guid bodyId, string bodyName, DateOnly day) => Must(RemarkRefusal(bodyId, bodyName, day));

    // --- Follow-up, steering figures ---

    public bool MayCreateFollowUp(DateOnly day) => SecretariatRefusal(day, "opprette oppfølgingstiltak") is null;
    public void MustCreateFollowUp(DateOnly day) => Must(SecretariatRefusal(day, "opprette oppfølgingstiltak"));
    public bool MayEditFollowUp(DateOnly day) => SecretariatRefusal(day, "endre oppfølgingstiltak") is null;
    public void MustEditFollowUp(DateOnly day) => Must(SecretariatRefusal(day, "endre oppfølgingstiltak"));
    public bool MayGiveMandate(DateOnly day) => SecretariatRefusal(day, "gi mandat til et utvalg") is null;
    public void MustGiveMandate(DateOnly day) => Must(SecretariatRefusal(day, "gi mandat til et utvalg"));

    /// <summary>The secretariat updates every action's progress; the owner person updates their own.</summary>
    private string? UpdateFollowUpRefusal(Guid ownerPersonId, DateOnly day) => Writing(
        IsSecretariat(day) || (PersonId is not null && PersonId == ownerPersonId) ? null
            : "Bare sekretariatet eller den som er ansvarlig for tiltaket kan oppdatere fremdriften.", day);

    public bool MayUpdateFollowUp(Guid ownerPersonId, DateOnly day) => UpdateFollowUpRefusal(ownerPersonId, day) is null;
    public void MustUpdateFollowUp(Guid ownerPersonId, DateOnly day) => Must(UpdateFollowUpRefusal(ownerPersonId, day));

    public bool MayEditSteeringFigures(DateOnly day) => SecretariatRefusal(day, "endre styringstall") is null;
    public void MustEditSteeringFigures(DateOnly day) => Must(SecretariatRefusal(day, "endre styringstall"));
    public bool MayLinkSteeringFigures(DateOnly day) => SecretariatRefusal(day, "knytte styringstall til en sak") is null;
    public void MustLinkSteeringFigures(DateOnly day) => Must(SecretariatRefusal(day, "knytte styringstall til en sak"));

    // --- Local ratification ---

    /// <summary>The secretariat records every party's local ratification; a person with a grant records their party's.</summary>
    private string? RatificationRefusal(Guid partyId, string partyName, DateOnly day) => Writing(
        IsSecretariat(day) || (PersonId is not null && RecordsRatificationFor.Contains(partyId)) ? null
            : $"Bare sekretariatet, eller en bruker administrator har gitt tillatelse for {partyName}, kan registrere forankring for {partyName}.", day);

    public bool MayRecordRatification(Guid partyId, DateOnly day) => RatificationRefusal(partyId, "", day) is null;
    public void MustRecordRatification(Party party, DateOnly day) => Must(RatificationRefusal(party.Id, party.Name, day));

    /// <summary>Letting someone write on the partnership's record for a party is the administrator's call.</summary>
    public bool MayGrantRatificationRecording() => GrantRefusal() is null;
    public void MustGrantRatificationRecording() => Must(GrantRefusal());
    private string? GrantRefusal() => AdministratorRefusal("Bare en administrator kan gi en bruker tillatelse til å registrere forankring.");

    // --- Reading ---

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
