using System.Globalization;
using System.Text.Json;
using Helsefellesskap.App.Data.Audit;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.App.Features.Audit;

/// <summary>One changed value, in words: "Tittel: «Gammel» → «Ny»". Null where there was no value.</summary>
public sealed record AuditChange(string Property, string? Before, string? After);

public enum AuditChangeKind { Added, Modified, Deleted }

/// <summary>An audit record as a reader sees it: who, when, what, and each value before and after.</summary>
public sealed record AuditRecordView(long Sequence, DateTimeOffset At, string? UserId, string ActorName, string? OnBehalfOf,
    string Action, string EntityType, string What, string EntityId, Guid? CaseId, AuditChangeKind Kind, IReadOnlyList<AuditChange> Changes)
{
    /// <summary>"lagt til", "endret" or "fjernet", after <see cref="What"/>.</summary>
    public string Change => Kind switch
    {
        AuditChangeKind.Added => "lagt til",
        AuditChangeKind.Deleted => "fjernet",
        _ => "endret",
    };

    public static AuditRecordView Of(AuditRecord r)
    {
        var before = Parse(r.Before);
        var after = Parse(r.After);
        var changes = after.Keys.Concat(before.Keys).Distinct()
            .Select(p => new AuditChange(PropertyLabel(p),
                Display(r.EntityType, p, before.GetValueOrDefault(p)), Display(r.EntityType, p, after.GetValueOrDefault(p))))
            .ToList();
        return new AuditRecordView(r.Sequence, r.At, r.UserId, r.ActorName, r.OnBehalfOf, r.Action, r.EntityType,
            AuditLabels.Noun(r.EntityType), r.EntityId, r.CaseId,
            r.Before is null ? AuditChangeKind.Added : r.After is null ? AuditChangeKind.Deleted : AuditChangeKind.Modified, changes);
    }

    private static Dictionary<string, JsonElement> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    /// <summary>A logged value as a reader reads it: labels for enums, Norwegian dates, "ja"/"nei".</summary>
    internal static string? Display(string entityType, string property, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.True => "ja",
        JsonValueKind.False => "nei",
        JsonValueKind.String => Text(entityType, property, value.GetString()!),
        _ => value.GetRawText(),
    };

    private static string Text(string entityType, string property, string value)
    {
        if (value.Length >= 20 && value[10] == 'T' && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant.Year >= 9999 ? "uten sluttdato" : instant.Format("dd.MM.yyyy 'kl.' HH:mm:ss");
        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        return (entityType, property) switch
        {
            ("Position", "Kind") when Enum.TryParse<PositionKind>(value, out var kind) => kind.Label(),
            ("Case", "Type") when Enum.TryParse<CaseType>(value, out var type) => type.Label(),
            ("Case", "Tags") when Enum.TryParse<CaseTag>(value, out var tags) =>
                tags == CaseTag.None ? "ingen" : string.Join(", ", tags.Split().Select(t => t.Label())),
            ("Case", "ComputedStatus") when Enum.TryParse<CaseStatus>(value, out var status) => status.Label(),
            ("Treatment", "ComputedOutcome") when Enum.TryParse<Outcome>(value, out var outcome) => outcome.Label(),
            ("Treatment", "Mandate") when Enum.TryParse<Mandate>(value, out var mandate) => mandate.Label(),
            ("Treatment", "NextStep") when Enum.TryParse<NextStep>(value, out var step) => step.Label(),
            ("Seat", "Role") when Enum.TryParse<SeatRole>(value, out var role) => role.Label(),
            _ => value,
        };
    }

    internal static string PropertyLabel(string property) => property switch
    {
        "Id" => "Id",
        "Title" => "Tittel",
        "Type" => "Type",
        "IsPrincipled" => "Prinsipiell",
        "Tags" => "Prioriteringer",
        "Background" => "Bakgrunn",
        "Assessment" => "Vurdering",
        "CreatedAt" => "Opprettet",
        "ResponsibleOfficerId" => "Saksbehandler (id)",
        "LastEditedById" => "Sist endret av (id)",
        "LastEditedAt" => "Sist endret",
        "Version" => "Versjon",
        "Year" => "År",
        "Sequence" => "Løpenummer",
        "LastSequence" => "Siste løpenummer",
        "ComputedStatus" => "Status",
        "ComputedReadyForBodyId" => "Klar for sakslisten i (id)",
        "CurrentProposalText" => "Forslag til vedtak",
        "ComputedOutcome" => "Utfall",
        "PartnershipId" => "Helsefellesskap (id)",
        "BodyId" => "Utvalg (id)",
        "BodyName" => "Utvalg",
        "CaseId" => "Sak (id)",
        "TreatmentId" => "Behandling (id)",
        "MeetingId" => "Møte (id)",
        "PartyId" => "Part (id)",
        "PersonId" => "Person (id)",
        "Mandate" => "Mandat",
        "StartedOn" => "Startet",
        "ClosedAt" => "Avsluttet",
        "NextStep" => "Neste steg",
        "SentBackComment" => "Kommentar ved tilbakesending",
        "ForwardedToBodyId" => "Lagt fram for (id)",
        "ForwardedToBodyName" => "Lagt fram for",
        "Text" => "Tekst",
        "ByPersonId" => "Av (id)",
        "At" => "Tidspunkt",
        "Kind" => "Type",
        "WordingVersion" => "Versjon av ordlyden",
        "RegisteredByPersonId" => "Registrert av (id)",
        "RegisteredOnBehalf" => "Registrert på vegne av parten",
        "RegisteredAt" => "Registrert",
        "ReplacedAt" => "Erstattet",
        "Status" => "Status",
        "LocalReference" => "Lokal referanse",
        "TreatedOn" => "Behandlet",
        "RecordedAt" => "Registrert",
        "FileName" => "Filnavn",
        "SizeBytes" => "Størrelse (byte)",
        "Sha256" => "SHA-256",
        "Content" => "Innhold",
        "UploadedByPersonId" => "Lastet opp av (id)",
        "UploadedAt" => "Lastet opp",
        "Name" => "Navn",
        "Role" => "Rolle",
        "UserName" => "Brukernavn",
        "NormalizedUserName" => "Brukernavn (normalisert)",
        "Email" => "E-post",
        "NormalizedEmail" => "E-post (normalisert)",
        "EmailConfirmed" => "E-post bekreftet",
        "PhoneNumber" => "Telefon",
        "PhoneNumberConfirmed" => "Telefon bekreftet",
        "PasswordHash" => "Passord",
        "SecurityStamp" => "Sikkerhetsstempel",
        "ConcurrencyStamp" => "Samtidighetsstempel",
        "TwoFactorEnabled" => "Totrinnsinnlogging",
        "LockoutEnabled" => "Kan sperres",
        "LockoutEnd" => "Sperret til",
        "AccessFailedCount" => "Mislykkede innlogginger",
        "IsAdministrator" => "Administrator",
        _ => property,
    };
}
