using System.Reflection;
using System.Text.Json;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Audit;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Helsefellesskap.App.Features.Audit;

/// <summary>
/// The whole check of the decision record: the chain itself, the chain against every head published outside it,
/// and the tables against what the log says was last written. <see cref="Findings"/> name what does not hold.
/// </summary>
public sealed record RecordVerification(AuditVerification Chain, IReadOnlyList<string> Findings)
{
    public bool Holds => Chain.Holds && Findings.Count == 0;

    /// <summary>Every line a reader sees: the chain's summary first, then each finding.</summary>
    public IEnumerable<string> Lines => Findings.Prepend(Chain.Summary);
}

/// <summary>
/// Verifies the record as docs/verification.md describes, for <c>/revisjon</c> (through <see cref="AuditChain"/>) and
/// for the <c>verify-record</c> command alike. Reads only; needs no signed-in user.
/// </summary>
public sealed class RecordVerifier(Func<CancellationToken, Task<AppDbContext>> newContext, AuditKey? key, IReadOnlyList<string> checkpointFiles)
{
    /// <summary>The facts replayed from the log and compared with their tables, in this order.</summary>
    public static readonly IReadOnlyList<string> ReplayedTypes =
        ["Case", "Treatment", "Wording", "Position", "Ratification", "RequiredParty", "ApprovedMinutes"];

    private sealed record PublishedHead(long Sequence, string Hash, string Source);

    /// <summary>What the log last wrote into one row: each property's value (raw JSON) and the record that wrote it.</summary>
    private sealed class LoggedRow
    {
        public Dictionary<string, (string Json, long Sequence)> Values { get; } = [];
        public bool Exists { get; set; }
        public long LastSequence { get; set; }
    }

    private sealed record Disagreement(long Sequence, string Message);

    public async Task<RecordVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var findings = new List<string>();
        await using var db = await newContext(cancellationToken);
        // One snapshot for every query, so the app's writers go on, unseen, meanwhile: on SQLite a deferred (read)
        // transaction, on PostgreSQL a repeatable-read one.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var snapshot = db.Database.GetDbConnection() is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await db.Database.GetDbConnection().BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.UseTransactionAsync(snapshot, cancellationToken);
        var heads = await PublishedHeadsAsync(db, findings, cancellationToken);
        var wanted = heads.Select(h => h.Sequence).ToHashSet();
        var hashesAtHeads = new Dictionary<long, string>();
        var logged = ReplayedTypes.ToDictionary(t => t, _ => new Dictionary<string, LoggedRow>(StringComparer.Ordinal));

        // One pass over the log: the chain, the hashes the heads name, and the last values written to each fact.
        var expected = 1L;
        var previousHash = AuditRecord.GenesisHash;
        long? keyedFrom = null;
        AuditVerification? broken = null;
        await foreach (var record in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (wanted.Contains(record.Sequence)) hashesAtHeads[record.Sequence] = record.Hash;
            if (logged.TryGetValue(record.EntityType, out var rows)) Replay(rows, record);
            if (broken is not null) continue;

            if (record.Sequence != expected) { broken = Broken(expected, AuditVerification.MissingLink); continue; }
            if (keyedFrom is null && record.EntityType == AuditTrail.KeyMarkerType)
            {
                keyedFrom = record.Sequence;
                if (key is null)
                    findings.Add($"Kjeden er nøkkelsikret fra post {record.Sequence}, men nøkkelen er ikke tilgjengelig, så postene derfra er ikke kontrollert mot den.");
                else if (record.EntityId != key.Id)
                    findings.Add($"Kjeden er nøkkelsikret fra post {record.Sequence} med nøkkel {record.EntityId}, men den oppgitte nøkkelen er {key.Id}.");
            }
            var reason = HashProblem(record, keyedFrom);
            if (reason is not null) { broken = Broken(record.Sequence, reason); continue; }
            if (record.PreviousHash != previousHash) { broken = Broken(record.Sequence, AuditVerification.PreviousMismatch); continue; }
            previousHash = record.Hash;
            expected++;
        }
        var last = expected - 1;
        var chain = broken ?? new AuditVerification(true, last, null, null);
        var lastSequence = await db.AuditRecords.AsNoTracking().MaxAsync(r => (long?)r.Sequence, cancellationToken) ?? 0;

        foreach (var head in heads)
        {
            if (head.Sequence > lastSequence)
                findings.Add($"Kjeden ender ved post {lastSequence}, men {head.Source} nevnte post {head.Sequence}.");
            else if (hashesAtHeads.GetValueOrDefault(head.Sequence) is var hash && hash != head.Hash)
                findings.Add(hash is null
                    ? $"Post {head.Sequence} mangler i kjeden, men {head.Source} nevnte den."
                    : $"Post {head.Sequence} har hash {Short(hash)}, men {head.Source} nevnte {Short(head.Hash)}: kjeden er skrevet om.");
        }

        var disagreements = new List<Disagreement>();
        foreach (var type in ReplayedTypes)
            await CompareWithTableAsync(db, type, logged[type], disagreements, cancellationToken);
        if (disagreements.Count > 0)
        {
            var first = disagreements.MinBy(d => d.Sequence)!;
            findings.Add(first.Message + (disagreements.Count switch
            {
                1 => "",
                2 => " (og 1 uoverensstemmelse til mellom tabellene og loggen)",
                var n => $" (og {n - 1} uoverensstemmelser til mellom tabellene og loggen)",
            }));
        }
        await CheckOutcomesAsync(db, findings, cancellationToken);
        return new RecordVerification(chain, findings);

        AuditVerification Broken(long sequence, string reason) => new(false, expected - 1, sequence, reason);
    }

    /// <summary>Null when the record's hash is what its content and the chain's key give; else why not.</summary>
    private string? HashProblem(AuditRecord record, long? keyedFrom)
    {
        var unkeyed = record.ComputeHash();
        if (keyedFrom is null) return unkeyed == record.Hash ? null : AuditVerification.ContentMismatch;
        if (key is null) return null;
        if (record.ComputeHash(key.Bytes) == record.Hash) return null;
        return unkeyed == record.Hash ? AuditVerification.UnkeyedAfterSwitch(keyedFrom.Value) : AuditVerification.ContentMismatch;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;

    /// <summary>Heads from the checkpoint files (what counts) and from the approved minutes in the database.</summary>
    private async Task<List<PublishedHead>> PublishedHeadsAsync(AppDbContext db, List<string> findings, CancellationToken cancellationToken)
    {
        var heads = new List<PublishedHead>();
        foreach (var file in checkpointFiles)
        {
            var (checkpoints, malformed) = AuditCheckpoints.Read(file);
            foreach (var line in malformed)
                findings.Add($"Sjekkpunktfilen {file} har en linje som ikke er et sjekkpunkt (linje {line}).");
            heads.AddRange(checkpoints.Select(c =>
                new PublishedHead(c.Sequence, c.Hash, $"sjekkpunktfilen {Path.GetFileName(file)} (linje {c.Line}, {c.At.Format("dd.MM.yyyy")})")));
        }
        var minutes = await db.ApprovedMinutes.AsNoTracking().Select(m => new { m.Document, m.ApprovedAt }).ToListAsync(cancellationToken);
        foreach (var m in minutes.OrderBy(m => m.ApprovedAt))
            if (AuditHead.InMinutes(m.Document) is { } head)
                heads.Add(new PublishedHead(head.Sequence, head.Hash, $"protokollen godkjent {m.ApprovedAt.Format("dd.MM.yyyy")}"));
        return heads;
    }

    private static void Replay(Dictionary<string, LoggedRow> rows, AuditRecord record)
    {
        if (!rows.TryGetValue(record.EntityId, out var row)) rows[record.EntityId] = row = new LoggedRow();
        row.LastSequence = record.Sequence;
        if (record.After is null)
        {
            // Deleted: nothing the log wrote before stands.
            row.Exists = false;
            row.Values.Clear();
            return;
        }
        row.Exists = true;
        using var after = JsonDocument.Parse(record.After);
        foreach (var property in after.RootElement.EnumerateObject())
            row.Values[property.Name] = (property.Value.GetRawText(), record.Sequence);
    }

    /// <summary>Every row the log knows of must be in its table, or not, as the log says, with the values the log last wrote.</summary>
    private static async Task CompareWithTableAsync(AppDbContext db, string type, Dictionary<string, LoggedRow> logged,
        List<Disagreement> disagreements, CancellationToken cancellationToken)
    {
        if (logged.Count == 0) return;
        var entity = db.Model.GetEntityTypes().Single(e => e.ClrType.Name == type && !e.IsOwned());
        var properties = entity.GetProperties().ToList();
        var keyProperties = entity.FindPrimaryKey()!.Properties;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Read whole before comparing: describing a disagreement queries again, and not every provider reads two
        // results on one connection at once.
        var table = new List<Dictionary<string, object?>>();
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"SELECT {string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""))} FROM \"{entity.GetTableName()}\"";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var read = new Dictionary<string, object?>(properties.Count);
                for (var i = 0; i < properties.Count; i++) read[properties[i].Name] = Read(properties[i], reader, i);
                table.Add(read);
            }
        }
        foreach (var values in table)
        {
            var id = AuditTrail.KeyOf(keyProperties.Select(p => values[p.Name]));
            if (!logged.TryGetValue(id, out var row)) continue;
            seen.Add(id);
            if (!row.Exists)
            {
                disagreements.Add(new(row.LastSequence, $"{await SubjectAsync(db, type, values)} finnes i tabellen, men loggen sier den ble slettet (post {row.LastSequence})."));
                continue;
            }
            foreach (var property in properties)
            {
                if (!row.Values.TryGetValue(property.Name, out var written)) continue;
                var expected = JsonSerializer.Deserialize(written.Json, property.ClrType, AuditTrail.Json);
                var actual = values[property.Name];
                if (Equals(expected, actual) || expected is string e && e.StartsWith('(') && actual is byte[]) continue;
                disagreements.Add(new(written.Sequence, await DisagreementAsync(db, type, property, values, actual, written.Json)));
            }
        }
        foreach (var (id, row) in logged)
            if (row.Exists && !seen.Contains(id))
                disagreements.Add(new(row.LastSequence, $"{await SubjectAsync(db, type, Logged(row, entity))} mangler i tabellen, men loggen sier den finnes (post {row.LastSequence})."));
    }

    private static Dictionary<string, object?> Logged(LoggedRow row, IEntityType entity) =>
        entity.GetProperties().Where(p => row.Values.ContainsKey(p.Name))
            .ToDictionary(p => p.Name, p => JsonSerializer.Deserialize(row.Values[p.Name].Json, p.ClrType, AuditTrail.Json));

    private static readonly MethodInfo GetFieldValue = typeof(System.Data.Common.DbDataReader).GetMethod(nameof(System.Data.Common.DbDataReader.GetFieldValue))!;

    /// <summary>A column's value as the entity holds it: read as the provider stores it, then through EF's converter.</summary>
    private static object? Read(IProperty property, System.Data.Common.DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal)) return null;
        var converter = property.GetTypeMapping().Converter;
        var stored = converter?.ProviderClrType ?? property.ClrType;
        stored = Nullable.GetUnderlyingType(stored) ?? stored;
        var raw = GetFieldValue.MakeGenericMethod(stored).Invoke(reader, [ordinal]);
        return converter is null ? raw : converter.ConvertFromProvider(raw);
    }

    private static async Task<string> DisagreementAsync(AppDbContext db, string type, IProperty property,
        Dictionary<string, object?> values, object? actual, string loggedJson)
    {
        var table = Shown(type, property, JsonSerializer.SerializeToElement(actual, property.ClrType, AuditTrail.Json));
        using var log = JsonDocument.Parse(loggedJson);
        var said = Shown(type, property, log.RootElement);
        var subject = await SubjectAsync(db, type, values);
        // A position's kind is what the position is: "Posisjon for X på SAK 003-2026: tabellen sier Enig, loggen sier Uenig".
        var what = type == "Position" && property.Name == nameof(Position.Kind)
            ? subject
            : $"{subject}, {AuditRecordView.PropertyLabel(property.Name).ToLowerInvariant()}";
        return $"{what}: tabellen sier {table}, loggen sier {said}";
    }

    private static string Shown(string type, IProperty property, JsonElement value)
    {
        var text = AuditRecordView.Display(type, property.Name, value) ?? "ingenting";
        return value.ValueKind == JsonValueKind.String && property.ClrType == typeof(string) ? $"«{text}»" : text;
    }

    /// <summary>The row in words: "Posisjon for Helseregion Hamar på SAK 003-2026".</summary>
    private static async Task<string> SubjectAsync(AppDbContext db, string type, Dictionary<string, object?> v)
    {
        object? Get(string name) => v.GetValueOrDefault(name);
        switch (type)
        {
            case "Case":
                return Capitalised(await CaseNameAsync(db, Get("Id") as Guid?));
            case "Treatment":
                return $"Behandlingen i {Get("BodyName")} av {await CaseNameAsync(db, Get("CaseId") as Guid?)}";
            case "Wording":
                return $"Ordlyd versjon {Get("Version")} i {await TreatmentNameAsync(db, Get("TreatmentId") as Guid?)}";
            case "Position":
                return $"Posisjon for {await PartyNameAsync(db, Get("PartyId") as Guid?)} på {await CaseOfTreatmentAsync(db, Get("TreatmentId") as Guid?)}";
            case "Ratification":
                return $"Forankring for {await PartyNameAsync(db, Get("PartyId") as Guid?)} av {await CaseOfTreatmentAsync(db, Get("TreatmentId") as Guid?)}";
            case "RequiredParty":
                return $"{await PartyNameAsync(db, Get("PartyId") as Guid?)} som part som må være enig i {await TreatmentNameAsync(db, Get("TreatmentId") as Guid?)}";
            case "ApprovedMinutes":
                var approved = Get("ApprovedAt") is DateTimeOffset at ? $" godkjent {at.Format("dd.MM.yyyy")}" : "";
                return $"Godkjent protokoll{approved}";
            default:
                return AuditLabels.Noun(type);
        }
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static async Task<string> CaseNameAsync(AppDbContext db, Guid? caseId)
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId)
            .Select(x => new { x.Year, x.Sequence, x.Title, Body = db.Bodies.Where(b => b.Id == x.BodyId).Select(b => b.ShortName).FirstOrDefault() })
            .SingleOrDefaultAsync();
        if (c is null) return "en ukjent sak";
        return c.Year is { } y && c.Sequence is { } s ? CaseNumber.Display(c.Body ?? "", s, y) : $"utkastet «{c.Title}»";
    }

    private static async Task<string> CaseOfTreatmentAsync(AppDbContext db, Guid? treatmentId) =>
        await CaseNameAsync(db, await db.Set<Treatment>().AsNoTracking().Where(t => t.Id == treatmentId)
            .Select(t => (Guid?)t.CaseId).SingleOrDefaultAsync());

    private static async Task<string> TreatmentNameAsync(AppDbContext db, Guid? treatmentId)
    {
        var t = await db.Set<Treatment>().AsNoTracking().Where(x => x.Id == treatmentId)
            .Select(x => new { x.BodyName, x.CaseId }).SingleOrDefaultAsync();
        return t is null ? "en ukjent behandling" : $"behandlingen i {t.BodyName} av {await CaseNameAsync(db, t.CaseId)}";
    }

    private static async Task<string> PartyNameAsync(AppDbContext db, Guid? partyId) =>
        await db.Parties.AsNoTracking().Where(p => p.Id == partyId).Select(p => p.Name).SingleOrDefaultAsync() ?? "en ukjent part";

    /// <summary>
    /// Every closed treatment's recorded outcome against the consensus rule applied to its positions, and every
    /// approved minutes document against its checksum. Run after the tables are compared with the log, so the
    /// positions the rule reads are the ones the log holds.
    /// </summary>
    private static async Task CheckOutcomesAsync(AppDbContext db, List<string> findings, CancellationToken cancellationToken)
    {
        var wrong = new List<string>();
        var cases = db.Cases.AsNoTracking().WithRecord().Where(c => c.Treatments.Any(t => t.ClosedAt != null)).OrderBy(c => c.Year).ThenBy(c => c.Sequence);
        await foreach (var @case in cases.AsAsyncEnumerable().WithCancellation(cancellationToken))
            foreach (var treatment in @case.Treatments.Where(t => t.IsClosed && t.OutcomeAtClose is not null))
                if (treatment.OutcomeAtClose != treatment.OutcomeAtCloseByRule)
                    wrong.Add($"Utfallet av behandlingen i {treatment.BodyName} av {(object?)@case.Number ?? $"utkastet «{@case.Title}»"}: " +
                              $"registrert «{treatment.OutcomeAtClose!.Value.Label()}», men standpunktene gir «{treatment.OutcomeAtCloseByRule.Label()}»");
        if (wrong.Count > 0)
            findings.Add(wrong[0] + (wrong.Count switch { 1 => "", 2 => " (og 1 behandling til)", var n => $" (og {n - 1} behandlinger til)" }));

        var minutes = await db.ApprovedMinutes.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var m in minutes.Where(m => !m.IsIntact).OrderBy(m => m.ApprovedAt))
            findings.Add($"Godkjent protokoll godkjent {m.ApprovedAt.Format("dd.MM.yyyy")}: dokumentet stemmer ikke med kontrollsummen.");
    }
}
