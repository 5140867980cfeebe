using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain;

/// <summary>A small partnership for specifications: a hospital, two regions of two municipalities, and bodies.</summary>
public sealed class TestPartnership
{
    public static readonly DateOnly Today = new(2026, 11, 22);
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1));

    public Partnership Partnership { get; } = new("Helsefellesskap Test");
    public Party Hospital { get; }
    public Party North { get; }
    public Party South { get; }
    public Party Jointly { get; }
    public IReadOnlyList<Party> Municipalities { get; }
    public IReadOnlyList<Party> AllParties { get; }
    public Person Secretary { get; }
    public Body Ssu { get; }
    public Body Au { get; }
    public Body Fagutvalg { get; }
    public Body Pm { get; }

    public TestPartnership()
    {
        var id = Partnership.Id;
        Hospital = Party.HospitalTrust(id, "Sykehuset");
        North = Party.HealthRegion(id, "Nord");
        South = Party.HealthRegion(id, "Sør");
        Jointly = Party.MunicipalitiesJointly(id, "Kommunene samlet");
        Municipalities =
        [
            Party.Municipality(id, "Nordby", North), Party.Municipality(id, "Nordvik", North),
            Party.Municipality(id, "Sørby", South), Party.Municipality(id, "Sørvik", South),
        ];
        AllParties = [Hospital, North, South, Jointly, .. Municipalities];
        Secretary = new Person(id, "Sekretær Sekretariatsen");

        var term = new Term(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
        Ssu = new Body(id, BodyKind.StrategicCommittee, "Strategisk samarbeidsutvalg", "SSU");
        Ssu.AddSeat(NewPerson("Leder Nord"), SeatRole.Chair, term, North);
        Ssu.AddSeat(NewPerson("Nestleder Sykehus"), SeatRole.DeputyChair, term, Hospital);
        Ssu.AddSeat(NewPerson("Medlem Sør"), SeatRole.Member, term, South);
        Ssu.AddSeat(NewPerson("Medlem Sykehus"), SeatRole.Member, term, Hospital);
        Ssu.AddSeat(NewPerson("Vara Sør"), SeatRole.Substitute, term, South);
        Ssu.AddSeat(NewPerson("Fastlege"), SeatRole.Participant, term, participantKind: ParticipantKind.GeneralPractitioner);
        Ssu.AddSeat(NewPerson("Observatør"), SeatRole.Observer, term, organisation: "Statsforvalteren");
        Ssu.AddSeat(Secretary, SeatRole.Secretariat, term);

        Au = new Body(id, BodyKind.WorkingCommittee, "Arbeidsutvalget", "AU");
        Au.AddSeat(NewPerson("AU kommune"), SeatRole.Member, term, Jointly);
        Au.AddSeat(NewPerson("AU sykehus"), SeatRole.Member, term, Hospital);

        Fagutvalg = new Body(id, BodyKind.ProfessionalCommittee, "Fagutvalg psykisk helse barn og unge", "FU-BU");
        Fagutvalg.AddSeat(NewPerson("FU kommune"), SeatRole.Member, term, North);
        Fagutvalg.AddSeat(NewPerson("FU sykehus"), SeatRole.Member, term, Hospital);

        Pm = new Body(id, BodyKind.PartnershipMeeting, "Partnerskapsmøtet", "PM");
        Pm.AddSeat(NewPerson("PM sykehus"), SeatRole.Member, term, Hospital);
        Pm.AddSeat(NewPerson("PM Nordby"), SeatRole.Member, term, Municipalities[0]);
    }

    public Person NewPerson(string name) => new(Partnership.Id, name);

    public Case NewCase(CaseType type = CaseType.Decision, bool principled = false, Body? body = null)
    {
        var @case = new Case(Partnership.Id, body ?? Ssu, "Felles prosedyre for utskrivningsklare pasienter", type,
            principled, CaseTag.FrailElderly, "Bakgrunn.", "Vurdering.", "SSU slutter seg til prosedyren.",
            Secretary.Id, Now);
        @case.Register(new CaseNumberSeries(@case.BodyId, 2026));
        return @case;
    }

    /// <summary>A registered case under treatment in <paramref name="body"/> (SSU by default).</summary>
    public (Case Case, Treatment Treatment) CaseInTreatment(CaseType type = CaseType.Decision, bool principled = false,
        Body? body = null)
    {
        var @case = NewCase(type, principled);
        var treatment = @case.StartTreatment(body ?? Ssu, Today, Secretary.Id, Now);
        return (@case, treatment);
    }

    public void Position(Case @case, Treatment treatment, Party party, PositionKind kind = PositionKind.Agree,
        string? text = null) =>
        @case.RegisterPosition(treatment.Id, party, treatment.CurrentWording.Version, kind, text, Secretary.Id, false, Now);
}
