using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Helsefellesskap.Domain.Cases;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Helsefellesskap.App.Data.Audit;

/// <summary>Describes the changes a save is about to write, one <see cref="AuditContent"/> per changed row.</summary>
public static class AuditTrail
{
    public const string SystemActor = "system";

    /// <summary>Written instead of the value of a secret (a password hash, a security stamp).</summary>
    public const string Hidden = "(endret)";

    private static readonly HashSet<string> Secrets =
        [nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), nameof(IdentityUser.ConcurrencyStamp)];

    /// <summary>How values are written into <see cref="AuditRecord.Before"/> and <see cref="AuditRecord.After"/>, and read back to verify them.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        // Norwegian letters as they are, so the rows read in any SQLite tool; never rendered as raw HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Everything but the audit trail itself and Identity's sign-in tokens, claims and external logins, which
    /// change with sign-ins rather than with anything a person decides.
    /// </summary>
    public static bool IsAudited(EntityEntry entry)
    {
        if (entry.Entity is AuditRecord) return false;
        // Which version of the status rules last ran is the app's bookkeeping; the rows it corrected are audited.
        if (entry.Entity is AppSetting) return false;
        // The Data Protection keys are secrets that sign cookies; written to the trail they would be readable by every
        // reader of it. The framework writes them itself, with no user acting.
        if (entry.Entity is Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey) return false;
        // The mail worker's attempts are bookkeeping, not decisions; the message's creation and a resend are audited.
        if (entry is { Entity: Features.Email.OutboxMessage, State: EntityState.Modified } &&
            entry.Properties.Where(p => p.IsModified).All(p => Features.Email.OutboxMessage.DeliveryBookkeeping.Contains(p.Metadata.Name)))
            return false;
        var type = entry.Metadata.ClrType;
        if (!type.IsGenericType) return true;
        var definition = type.GetGenericTypeDefinition();
        return definition != typeof(IdentityUserToken<>) && definition != typeof(IdentityUserClaim<>)
            && definition != typeof(IdentityUserLogin<>) && definition != typeof(IdentityRoleClaim<>);
    }

    public static AuditContent Describe(EntityEntry entry, Guid? caseId, AuditActor? actor, string? action,
        DateTimeOffset at, string? onBehalfOf)
    {
        var type = TypeName(entry);
        var (before, after) = entry.State switch
        {
            EntityState.Added => (null, Values(entry.Properties, p => p.CurrentValue)),
            EntityState.Deleted => (Values(entry.Properties, p => p.OriginalValue), null),
            _ => Changes(entry),
        };
        return new AuditContent(at, actor?.UserId, actor?.Name ?? SystemActor, actor?.PersonId, onBehalfOf,
            action ?? DerivedAction(type, entry.State), type, KeyOf(entry), caseId, before, after);
    }

    /// <summary>One record for a bulk save by the system (the demo seeding): how many rows of each kind it wrote.</summary>
    public static AuditContent Summary(IReadOnlyCollection<EntityEntry> entries, string? action, DateTimeOffset at)
    {
        var counts = entries
            .GroupBy(e => TypeName(e))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.GroupBy(e => e.State).OrderBy(s => s.Key)
                .Select(s => $"{s.Count()} {Verb(s.Key)}")));
        return new AuditContent(at, null, SystemActor, null, null, action ?? "Masseendring", "(flere)", "",
            null, null, JsonSerializer.Serialize(counts, Json));
    }

    /// <summary>The entity type of the record that marks where the chain becomes keyed.</summary>
    public const string KeyMarkerType = "(kjede)";

    public const string KeyMarkerAction = "Revisjonsloggen nøkkelsikres fra og med denne posten";

    /// <summary>The first keyed record: names the algorithm and the key (by its id, never its value).</summary>
    public static AuditContent KeyMarker(AuditKey key, DateTimeOffset at) =>
        new(at, null, SystemActor, null, null, KeyMarkerAction, KeyMarkerType, key.Id, null, null,
            JsonSerializer.Serialize(new Dictionary<string, string> { ["Algoritme"] = "HMAC-SHA-256", ["Nøkkel"] = key.Id }, Json));

    /// <summary>The party of a position registered by the secretariat on the party's behalf.</summary>
    public static Guid? OnBehalfPartyId(EntityEntry entry) =>
        entry is { State: EntityState.Added, Entity: Position { RegisteredOnBehalf: true } position } ? position.PartyId : null;

    /// <summary>What happened to a row when the command did not say: "Sak endret", "Standpunkt registrert".</summary>
    public static string DerivedAction(string entityType, EntityState state) => (entityType, state) switch
    {
        (nameof(Position), EntityState.Added) => "Standpunkt registrert",
        (nameof(Attachment), EntityState.Added) => "Vedlegg lagt til",
        (nameof(Attachment), EntityState.Deleted) => "Vedlegg fjernet",
        _ => $"{AuditLabels.Noun(entityType)} {Verb(state)}",
    };

    private static string Verb(EntityState state) => state switch
    {
        EntityState.Added => "opprettet",
        EntityState.Deleted => "slettet",
        _ => "endret",
    };

    private static string TypeName(EntityEntry entry)
    {
        var name = entry.Metadata.ClrType.Name;
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>A row's primary key as <see cref="AuditRecord.EntityId"/> holds it: each part invariant, joined by "/".</summary>
    public static string KeyOf(IEnumerable<object?> keyValues) =>
        string.Join("/", keyValues.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null) return "";
        return string.Join("/", key.Properties.Select(p =>
            Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
    }

    /// <summary>Only what changed: properties whose value differs from what was loaded.</summary>
    private static (string? Before, string? After) Changes(EntityEntry entry)
    {
        var changed = entry.Properties.Where(p => p.IsModified && !SameValue(p.OriginalValue, p.CurrentValue)).ToList();
        return (Values(changed, p => p.OriginalValue), Values(changed, p => p.CurrentValue));
    }

    private static string Values(IEnumerable<PropertyEntry> properties, Func<PropertyEntry, object?> value)
    {
        var values = new Dictionary<string, object?>();
        foreach (var property in properties)
        {
            var name = property.Metadata.Name;
            values[name] = (Secrets.Contains(name), value(property)) switch
            {
                (true, null) => null,
                (true, _) => Hidden,
                // File contents are stored once by their SHA-256, which the attachment's own record names.
                (_, byte[] bytes) => $"(innhold lagret, {bytes.Length} byte)",
                (_, var v) => v,
            };
        }
        return JsonSerializer.Serialize(values, Json);
    }

    private static bool SameValue(object? a, object? b) =>
        a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);
}
