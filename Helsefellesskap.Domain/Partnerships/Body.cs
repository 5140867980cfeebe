namespace Helsefellesskap.Domain.Partnerships;

public enum BodyKind { PartnershipMeeting, StrategicCommittee, WorkingCommittee, ProfessionalCommittee }

/// <summary>What a body's agreement amounts to.</summary>
public enum Mandate
{
    /// <summary>Takes decisions that bind the partners (Partnerskapsmøtet, SSU).</summary>
    Decides,
    /// <summary>Prepares cases; its agreement is a recommendation (innstilling) (AU).</summary>
    Prepares,
    /// <summary>Gives professional advice (fagutvalg).</summary>
    Advises,
}

/// <summary>A body (utvalg) of the partnership, with its seats.</summary>
public sealed class Body : Aggregate
{
    private readonly List<Seat> _seats = [];

    private Body() { Name = ""; ShortName = ""; }

    public Body(Guid partnershipId, BodyKind kind, string name, string shortName)
    {
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(name), "Utvalget må ha et navn.");
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(shortName), "Utvalget må ha en forkortelse.");
        PartnershipId = partnershipId;
        Kind = kind;
        Name = name.Trim();
        ShortName = shortName.Trim();
    }

    public Guid PartnershipId { get; private set; }
    public BodyKind Kind { get; private set; }
    public string Name { get; private set; }
    public string ShortName { get; private set; }

    public Mandate Mandate => MandateOf(Kind);

    /// <summary>
    /// Every kind of body is given its mandate here, explicitly: a new kind must be decided, never become advisory
    /// (or deciding) by default.
    /// </summary>
    public static Mandate MandateOf(BodyKind kind) => kind switch
    {
        BodyKind.PartnershipMeeting or BodyKind.StrategicCommittee => Mandate.Decides,
        BodyKind.WorkingCommittee => Mandate.Prepares,
        BodyKind.ProfessionalCommittee => Mandate.Advises,
        _ => throw new DomainException($"Utvalgstypen «{kind}» har ikke fått et mandat. Bestem om den beslutter, forbereder eller gir råd."),
    };

    /// <summary>
    /// The order bodies are listed in: by mandate (deciding, preparing, advising), and among the deciding bodies SSU,
    /// which meets four or five times a year and decides most cases, before the partnership meeting, which meets once.
    /// </summary>
    public static int Rank(BodyKind kind) => (MandateOf(kind), kind) switch
    {
        (Mandate.Decides, BodyKind.StrategicCommittee) => 0,
        (Mandate.Decides, _) => 1,
        (Mandate.Prepares, _) => 2,
        _ => 3,
    };

    /// <summary>The body a new case is written for and the annual report opens on: the first deciding body by <see cref="Rank"/>.</summary>
    public static Body? DefaultDeciding(IEnumerable<Body> bodies) =>
        bodies.Where(b => b.Mandate == Mandate.Decides).OrderBy(b => Rank(b.Kind)).FirstOrDefault();

    public IReadOnlyList<Seat> Seats => _seats;

    // The body's reminder lead times (Reminders.LeadTimes), stored as plain columns.
    public string ReminderDaysBeforeMeeting { get; private set; } = Reminders.LeadTimes.FormatDays(Reminders.LeadTimes.Default.DaysBeforeMeeting);
    public int RatificationReminderDaysBefore { get; private set; } = Reminders.LeadTimes.Default.RatificationDaysBefore;
    public int RatificationReminderDaysAfter { get; private set; } = Reminders.LeadTimes.Default.RatificationDaysAfter;
    public int FollowUpReminderDaysBefore { get; private set; } = Reminders.LeadTimes.Default.FollowUpDaysBefore;

    public Reminders.LeadTimes ReminderLeadTimes => new(Reminders.LeadTimes.ParseDays(ReminderDaysBeforeMeeting),
        RatificationReminderDaysBefore, RatificationReminderDaysAfter, FollowUpReminderDaysBefore);

    /// <summary>Each body sets how long before its meetings and deadlines reminders go out.</summary>
    public void ChangeReminderLeadTimes(string daysBeforeMeeting, int ratificationDaysBefore, int ratificationDaysAfter, int followUpDaysBefore)
    {
        var days = Reminders.LeadTimes.ParseDays(daysBeforeMeeting);
        DomainException.ThrowIf(new[] { ratificationDaysBefore, ratificationDaysAfter, followUpDaysBefore }.Any(d => d is < 0 or > 90),
            "Varslingsdager må være hele dager mellom 0 og 90.");
        ReminderDaysBeforeMeeting = Reminders.LeadTimes.FormatDays(days);
        RatificationReminderDaysBefore = ratificationDaysBefore;
        RatificationReminderDaysAfter = ratificationDaysAfter;
        FollowUpReminderDaysBefore = followUpDaysBefore;
    }

    /// <param name="withoutPosition">True for a chair or deputy who leads without giving a party's position.</param>
    public Seat AddSeat(Person person, SeatRole role, Term term, Party? party = null,
        ParticipantKind? participantKind = null, string? organisation = null, bool withoutPosition = false)
    {
        DomainException.ThrowIf(person.PartnershipId != PartnershipId,
            $"{person.Name} hører ikke til samme helsefellesskap som {ShortName}.");
        DomainException.ThrowIf(party is not null && party.PartnershipId != PartnershipId,
            $"{party?.Name} er ikke en part i samme helsefellesskap som {ShortName}.");
        if (role is SeatRole.Chair or SeatRole.DeputyChair)
        {
            var overlapping = _seats.FirstOrDefault(s => s.Role == role && s.Term.Overlaps(term));
            DomainException.ThrowIf(overlapping is not null,
                $"{ShortName} har allerede en {role.Label()} i perioden {overlapping?.Term}.");
        }
        DomainException.ThrowIf(_seats.Any(s => s.PersonId == person.Id && s.Role == role && s.Term.Overlaps(term)),
            $"{person.Name} har allerede dette vervet i {ShortName} i samme periode.");

        var seat = new Seat(Id, person.Id, role, term, party?.Id, participantKind, organisation, withoutPosition);
        _seats.Add(seat);
        return seat;
    }

    /// <summary>The seat counts up to and including <paramref name="lastDay"/>, and gives no rights after it.</summary>
    public Seat EndSeat(Guid seatId, DateOnly lastDay)
    {
        var seat = _seats.SingleOrDefault(s => s.Id == seatId)
            ?? throw new DomainException($"Vervet finnes ikke i {ShortName}.");
        seat.EndTerm(lastDay);
        return seat;
    }

    public IEnumerable<Seat> SeatsOn(DateOnly day) => _seats.Where(s => s.IsActiveOn(day));

    /// <summary>The parties that must agree: those represented by the chair, deputy and member seats on that day.</summary>
    public IReadOnlySet<Guid> PartiesThatMustAgree(DateOnly day) =>
        SeatsOn(day).Where(s => s.MakesPartyRequired).Select(s => s.PartyId!.Value).ToHashSet();

    public Seat? ChairOn(DateOnly day) => SeatsOn(day).FirstOrDefault(s => s.Role == SeatRole.Chair);
}
