using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Helsefellesskap.App.Data.Audit;

/// <summary>What one saved change did to one row, before it is given its place in the chain.</summary>
public sealed record AuditContent(DateTimeOffset At, string? UserId, string ActorName, Guid? ActorPersonId,
    string? OnBehalfOf, string Action, string EntityType, string EntityId, Guid? CaseId, string? Before, string? After);

/// <summary>
/// One link of the append-only audit trail: who changed what, when, and the values before and after. Each
/// record's <see cref="Hash"/> covers its content and the previous record's hash, so altering, removing or
/// inserting a record breaks the chain from that point on. Written only by <see cref="AppDbContext"/>.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>The <see cref="PreviousHash"/> of the first record.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private AuditRecord()
    {
        ActorName = Action = EntityType = EntityId = PreviousHash = Hash = "";
    }

    /// <param name="key">The chain's key (HMAC-SHA-256) once the chain is keyed; null for the unkeyed SHA-256 of old records.</param>
    public AuditRecord(long sequence, string previousHash, AuditContent content, byte[]? key = null)
    {
        Sequence = sequence;
        At = content.At;
        UserId = content.UserId;
        ActorName = content.ActorName;
        ActorPersonId = content.ActorPersonId;
        OnBehalfOf = content.OnBehalfOf;
        Action = content.Action;
        EntityType = content.EntityType;
        EntityId = content.EntityId;
        CaseId = content.CaseId;
        Before = content.Before;
        After = content.After;
        PreviousHash = previousHash;
        Hash = ComputeHash(key);
    }

    /// <summary>1, 2, 3, ... without gaps: the next record takes the last one's number plus one.</summary>
    public long Sequence { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The signed-in user, or null for the system (seeding, start-up).</summary>
    public string? UserId { get; private set; }

    public string ActorName { get; private set; }
    public Guid? ActorPersonId { get; private set; }

    /// <summary>The party a position was registered for by someone who does not represent it.</summary>
    public string? OnBehalfOf { get; private set; }

    /// <summary>What the command did, in Norwegian ("Standpunkt registrert for Helseregion Hamar").</summary>
    public string Action { get; private set; }

    /// <summary>The CLR type of the changed row (Case, Position, ApplicationUser...).</summary>
    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    /// <summary>The case the changed row belongs to, for the case's history.</summary>
    public Guid? CaseId { get; private set; }

    /// <summary>JSON object of the values before the change (changed properties only for an update).</summary>
    public string? Before { get; private set; }

    /// <summary>JSON object of the values after the change (changed properties only for an update).</summary>
    public string? After { get; private set; }

    public string PreviousHash { get; private set; }

    /// <summary>
    /// Lowercase hex HMAC-SHA-256 of <see cref="CanonicalText"/> under the chain's key from the switch point on
    /// (<see cref="AuditKey"/>); plain SHA-256 for the records written before it.
    /// </summary>
    public string Hash { get; private set; }

    /// <summary>What the hash should be: keyed with <paramref name="key"/>, or unkeyed when it is null.</summary>
    public string ComputeHash(byte[]? key = null)
    {
        var text = Encoding.UTF8.GetBytes(CanonicalText());
        return Convert.ToHexStringLower(key is null ? SHA256.HashData(text) : HMACSHA256.HashData(key, text));
    }

    /// <summary>
    /// Every field but the hash, each length-prefixed (null written as "-"), so no two different records share a
    /// text, and no serialiser's formatting can change it between versions of .NET.
    /// </summary>
    public string CanonicalText()
    {
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value is null ? "-" : $"{value.Length}:{value}").Append('\n');
        Field(Sequence.ToString(CultureInfo.InvariantCulture));
        Field(At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(UserId);
        Field(ActorName);
        Field(ActorPersonId?.ToString("D"));
        Field(OnBehalfOf);
        Field(Action);
        Field(EntityType);
        Field(EntityId);
        Field(CaseId?.ToString("D"));
        Field(Before);
        Field(After);
        Field(PreviousHash);
        return text.ToString();
    }
}
