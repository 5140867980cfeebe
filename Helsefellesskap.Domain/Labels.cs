using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.FollowUp;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Domain.Steering;

namespace Helsefellesskap.Domain;

/// <summary>The Norwegian words users read for the domain's terms.</summary>
public static class Labels
{
    public static string Label(this SeatRole role) => role switch
    {
        SeatRole.Chair => "leder",
        SeatRole.DeputyChair => "nestleder",
        SeatRole.Member => "medlem",
        SeatRole.Substitute => "vara",
        SeatRole.Participant => "deltaker",
        SeatRole.Observer => "observatør",
        _ => "sekretariat",
    };

    public static string Label(this ParticipantKind kind) => kind switch
    {
        ParticipantKind.GeneralPractitioner => "fastlegerepresentant",
        ParticipantKind.UserRepresentative => "brukerrepresentant",
        _ => "tillitsvalgt",
    };

    public static string Label(this Mandate mandate) => mandate switch
    {
        Mandate.Decides => "beslutter",
        Mandate.Prepares => "forbereder saker (innstiller)",
        _ => "gir faglige råd",
    };

    public static string Label(this PartyKind kind) => kind switch
    {
        PartyKind.HospitalTrust => "helseforetak",
        PartyKind.HealthRegion => "helseregion",
        PartyKind.Municipality => "kommune",
        _ => "kommunene samlet",
    };

    public static string Label(this Side side) => side == Side.Hospital ? "sykehuset" : "kommunene";

    public static string Label(this CaseType type) => type switch
    {
        CaseType.Decision => "beslutningssak",
        CaseType.Discussion => "drøftingssak",
        _ => "orienteringssak",
    };

    public static string Label(this CaseTag tag) => tag switch
    {
        CaseTag.ChildrenAndYouth => "Barn og unge",
        CaseTag.MentalHealthAndSubstanceAbuse => "Psykisk helse og rus",
        CaseTag.SeveralChronicConditions => "Flere kroniske lidelser",
        CaseTag.FrailElderly => "Skrøpelige eldre",
        CaseTag.EmergencyMedicalChain => "Akuttmedisinsk kjede",
        CaseTag.Digitalisation => "Digitalisering",
        CaseTag.CompetenceAndRecruitment => "Kompetanse og rekruttering",
        CaseTag.SharedDecisionMaking => "Samvalg",
        _ => "",
    };

    public static string Label(this CaseStatus status) => status switch
    {
        CaseStatus.Draft => "Utkast",
        CaseStatus.Registered => "Registrert",
        CaseStatus.UnderTreatment => "Til behandling",
        CaseStatus.SentBack => "Sendt tilbake til sekretariatet",
        CaseStatus.Recommended => "Innstilling gitt",
        CaseStatus.Advised => "Faglig råd gitt",
        CaseStatus.Binding => "Vedtatt (bindende)",
        CaseStatus.AdoptedPendingRatification => "Vedtatt med forbehold",
        CaseStatus.NotAdopted => "Ikke vedtatt",
        CaseStatus.NoConsensus => "Ikke konsensus",
        _ => "Tatt til orientering",
    };

    /// <summary>Where the case stands, with the body that treats or treated it: "Innstilling fra AU til SSU".</summary>
    public static string Label(this CaseStatus status, string? bodyName, string? forwardedTo = null) => (status, bodyName) switch
    {
        (_, null) => status.Label(),
        (CaseStatus.UnderTreatment, _) => $"Til behandling i {bodyName}",
        (CaseStatus.Recommended, _) => $"Innstilling fra {bodyName}" + (forwardedTo is null ? "" : $" til {forwardedTo}"),
        (CaseStatus.Advised, _) => $"Råd fra {bodyName}" + (forwardedTo is null ? "" : $" til {forwardedTo}"),
        (CaseStatus.SentBack, _) => $"Sendt tilbake fra {bodyName}",
        _ => status.Label(),
    };

    /// <summary>"innstilling fra AU", "sendt til SSU", "lagret": where a version of the proposed decision came from.</summary>
    public static string Label(this ProposalVersion version) => version.Origin switch
    {
        ProposalOrigin.Registered => "registrert",
        ProposalOrigin.SentToBody => $"sendt til {version.BodyName}",
        ProposalOrigin.Recommendation => $"innstilling fra {version.BodyName}",
        ProposalOrigin.Advice => $"faglig råd fra {version.BodyName}",
        _ => "lagret",
    };

    public static string Label(this AddendumKind kind) => kind == AddendumKind.Correction ? "Rettelse" : "Tilleggsopplysning";

    public static string Label(this Outcome outcome) => outcome switch
    {
        Outcome.Binding => "Bindende vedtak",
        Outcome.AdoptedPendingRatification => "Vedtatt med forbehold om lokal forankring",
        Outcome.NotAdopted => "Ikke vedtatt (avvist ved lokal forankring)",
        Outcome.Recommendation => "Innstilling",
        Outcome.Advice => "Faglig råd",
        Outcome.Noted => "Tatt til orientering",
        Outcome.SentBack => "Sendt tilbake til sekretariatet",
        _ => "Ikke konsensus",
    };

    public static string Label(this PositionKind kind) => kind switch
    {
        PositionKind.Agree => "Enig",
        PositionKind.AgreeWithRemark => "Enig med merknad",
        PositionKind.AgreeSubjectToRatification => "Enig med forbehold om lokal forankring",
        _ => "Uenig",
    };

    /// <summary>What the text beside a position is called: a remark, the reason for disagreeing, or a note on the reservation.</summary>
    public static string TextPrompt(this PositionKind kind) => kind switch
    {
        PositionKind.AgreeWithRemark => "Merknad (kommer i protokollen)",
        PositionKind.Disagree => "Begrunnelse for å være uenig",
        _ => "Merknad om forbeholdet (valgfritt)",
    };

    public static string Label(this MeetingStatus status) => status switch
    {
        MeetingStatus.Planned => "Planlagt",
        MeetingStatus.NoticeSent => "Innkalling sendt",
        MeetingStatus.InProgress => "Pågår",
        MeetingStatus.Closed => "Avholdt",
        MeetingStatus.Cancelled => "Avlyst",
        _ => "Protokoll godkjent",
    };

    public static string Label(this NextStep step) => step switch
    {
        NextStep.BackToWorkingCommittee => "Tilbake til arbeidsutvalget",
        NextStep.LaterMeeting => "Til et senere møte",
        _ => "Til partnerskapsmøtet",
    };

    public static string Label(this RatificationStatus status) => status switch
    {
        RatificationStatus.NotSent => "Ikke sendt",
        RatificationStatus.Sent => "Sendt",
        RatificationStatus.UnderTreatment => "Til behandling",
        RatificationStatus.Ratified => "Forankret",
        RatificationStatus.RatifiedWithChanges => "Forankret med endringer",
        RatificationStatus.Rejected => "Avvist",
        _ => "Ikke behandlet",
    };

    public static string Label(this FollowUpStatus status) => status switch
    {
        FollowUpStatus.NotStarted => "Ikke startet",
        FollowUpStatus.InProgress => "Pågår",
        FollowUpStatus.Completed => "Fullført",
        _ => "Avbrutt",
    };

    public static string Label(this SteeringIndicator indicator) => indicator switch
    {
        SteeringIndicator.CopdPatients => "Pasienter med kols",
        SteeringIndicator.InpatientStays => "Døgnopphold",
        _ => "Polikliniske kontakter",
    };
}
