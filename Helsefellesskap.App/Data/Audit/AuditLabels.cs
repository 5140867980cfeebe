namespace Helsefellesskap.App.Data.Audit;

/// <summary>The Norwegian words a reader of the audit trail sees for the kinds of rows it records.</summary>
public static class AuditLabels
{
    public static string Noun(string entityType) => entityType switch
    {
        "Case" => "Sak",
        "ProposalVersion" => "Forslag til vedtak",
        "Treatment" => "Behandling",
        "Wording" => "Ordlyd",
        "Position" => "Standpunkt",
        "Ratification" => "Forankring",
        "RequiredParty" => "Part som må være enig",
        "Attachment" => "Vedlegg",
        "AttachmentContent" => "Vedleggsinnhold",
        "CaseNumberSeries" => "Saksnummerserie",
        "Meeting" => "Møte",
        "FollowUpAction" => "Oppfølgingstiltak",
        "Body" => "Utvalg",
        "Seat" => "Sete",
        "Person" => "Person",
        "Party" => "Part",
        "Partnership" => "Helsefellesskap",
        "HospitalDivision" => "Divisjon",
        "ApplicationUser" => "Bruker",
        "IdentityRole" => "Rolle",
        "IdentityUserRole" => "Brukerrolle",
        "RatificationGrant" => "Tillatelse til å registrere forankring",
        "SteeringFigure" => "Styringstall",
        "CaseSteeringLink" => "Styringstall saken bygger på",
        "OutboxMessage" => "E-post",
        "SentReminder" => "Påminnelse sendt",
        "(flere)" => "Flere",
        "(kjede)" => "Revisjonskjeden",
        _ => entityType,
    };
}
