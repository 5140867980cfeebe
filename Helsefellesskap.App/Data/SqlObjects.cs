namespace Helsefellesskap.App.Data;

/// <summary>
/// What EF Core cannot model, per provider, each list run (in order, after the tables exist) by the migration named
/// for it, and dropped in reverse by its Down. A new object goes into a new list run by the new migration that needs
/// it, for each provider: a migration already applied never runs again, so what is added to its list never reaches
/// an existing database. Infrastructure/SchemaSpecs compares a migrated empty database with the seeded one.
/// </summary>
public static class SqlObjects
{
    /// <summary>SQLite's, run by the first migration (20261122211514_InitialSchema).</summary>
    public static readonly IReadOnlyList<(string Create, string Drop)> SqliteInitialSchema =
    [
        // Full-text search over a case's title and text (SQLite FTS5). Triggers keep it in step with Cases
        // in the same transaction as every save.
        ("""
         CREATE VIRTUAL TABLE CaseSearch USING fts5(CaseId UNINDEXED, Title, Text, tokenize = 'unicode61 remove_diacritics 0');
         CREATE TRIGGER Cases_search_insert AFTER INSERT ON Cases BEGIN
             INSERT INTO CaseSearch (CaseId, Title, Text) VALUES (new.Id, new.Title, new.Background || ' ' || new.Assessment || ' ' || new.CurrentProposalText);
         END;
         CREATE TRIGGER Cases_search_update AFTER UPDATE OF Title, Background, Assessment, CurrentProposalText ON Cases BEGIN
             DELETE FROM CaseSearch WHERE CaseId = old.Id;
             INSERT INTO CaseSearch (CaseId, Title, Text) VALUES (new.Id, new.Title, new.Background || ' ' || new.Assessment || ' ' || new.CurrentProposalText);
         END;
         CREATE TRIGGER Cases_search_delete AFTER DELETE ON Cases BEGIN
             DELETE FROM CaseSearch WHERE CaseId = old.Id;
         END;
         """,
         """
         DROP TRIGGER IF EXISTS Cases_search_insert;
         DROP TRIGGER IF EXISTS Cases_search_update;
         DROP TRIGGER IF EXISTS Cases_search_delete;
         DROP TABLE IF EXISTS CaseSearch;
         """),

        // The register's orders as indexes, expression for expression as CaseRegister sorts, so a page of
        // 20,000 cases is read in order instead of sorted whole (measured with bench/RegisterBench).
        ("""
         CREATE INDEX IX_Cases_NumberOrder ON Cases ("Year" IS NULL, "Year" DESC, "Sequence" DESC, "Id");
         CREATE INDEX IX_Cases_TitleOrder ON Cases ("Title" COLLATE NOCASE, "Id");
         """,
         """
         DROP INDEX IF EXISTS IX_Cases_NumberOrder;
         DROP INDEX IF EXISTS IX_Cases_TitleOrder;
         """),
        // The audit trail is append-only, whoever writes to the file through SQL: the app refuses it in
        // SaveChanges, these refuse it in the database. Someone with the file can drop them; the hash chain
        // (AuditChain) then shows what they changed.
        ("""
         CREATE TRIGGER AuditRecords_no_update BEFORE UPDATE ON AuditRecords BEGIN
             SELECT RAISE(ABORT, 'Revisjonsloggen kan ikke endres.');
         END;
         CREATE TRIGGER AuditRecords_no_delete BEFORE DELETE ON AuditRecords BEGIN
             SELECT RAISE(ABORT, 'Revisjonsloggen kan ikke endres.');
         END;
         """,
         """
         DROP TRIGGER IF EXISTS AuditRecords_no_update;
         DROP TRIGGER IF EXISTS AuditRecords_no_delete;
         """),
    ];

    /// <summary>
    /// PostgreSQL's counterparts, run by its first migration (Postgres/…_InitialSchema): the same search, orders and
    /// append-only audit trail, in PostgreSQL's terms.
    /// </summary>
    public static readonly IReadOnlyList<(string Create, string Drop)> PostgresInitialSchema =
    [
        // Titles ordered as a Norwegian reader expects, case ignored (SQLite's NOCASE ignores only ASCII case).
        ("""
         CREATE COLLATION nb_nocase (provider = icu, locale = 'nb-NO-u-ks-level2', deterministic = false);
         """,
         """
         DROP COLLATION IF EXISTS nb_nocase;
         """),

        // Full-text search over a case's title and text: a tsvector the database keeps in step with every save,
        // with a GIN index. 'simple' neither stems nor drops stop words, like FTS5's unicode61 above; every
        // word is matched as a prefix (PostgresAppDbContext.CaseSearchHits).
        ("""
         ALTER TABLE "Cases" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig,
             coalesce("Title", '') || ' ' || coalesce("Background", '') || ' ' || coalesce("Assessment", '') || ' ' || coalesce("CurrentProposalText", ''))) STORED;
         CREATE INDEX "IX_Cases_SearchVector" ON "Cases" USING GIN ("SearchVector");
         """,
         """
         DROP INDEX IF EXISTS "IX_Cases_SearchVector";
         ALTER TABLE "Cases" DROP COLUMN IF EXISTS "SearchVector";
         """),

        // The register's orders as indexes, expression for expression as CaseRegister sorts.
        ("""
         CREATE INDEX "IX_Cases_NumberOrder" ON "Cases" (("Year" IS NULL), "Year" DESC, "Sequence" DESC, "Id");
         CREATE INDEX "IX_Cases_TitleOrder" ON "Cases" ("Title" COLLATE nb_nocase, "Id");
         """,
         """
         DROP INDEX IF EXISTS "IX_Cases_NumberOrder";
         DROP INDEX IF EXISTS "IX_Cases_TitleOrder";
         """),

        // The audit trail is append-only for every SQL client too (the app refuses it in SaveChanges). An owner of
        // the database can drop these; the hash chain then shows what they changed.
        ("""
         CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
             RAISE EXCEPTION 'Revisjonsloggen kan ikke endres.';
         END
         $$;
         CREATE TRIGGER "AuditRecords_no_update" BEFORE UPDATE ON "AuditRecords" FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();
         CREATE TRIGGER "AuditRecords_no_delete" BEFORE DELETE ON "AuditRecords" FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();
         CREATE TRIGGER "AuditRecords_no_truncate" BEFORE TRUNCATE ON "AuditRecords" FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();
         """,
         """
         DROP TRIGGER IF EXISTS "AuditRecords_no_update" ON "AuditRecords";
         DROP TRIGGER IF EXISTS "AuditRecords_no_delete" ON "AuditRecords";
         DROP TRIGGER IF EXISTS "AuditRecords_no_truncate" ON "AuditRecords";
         DROP FUNCTION IF EXISTS audit_records_append_only();
         """),
    ];

    /// <summary>
    /// PostgreSQL's, run by Postgres/…_TwoServers: what app servers sharing one database take turns with.
    /// </summary>
    public static readonly IReadOnlyList<(string Create, string Drop)> PostgresTwoServers =
    [
        // A live meeting's snapshot revisions, taken from the database after a change commits and before the
        // snapshot is read (PostgresMeetingBus): a later read carries a higher number, whichever server made it, so
        // each screen keeps the newest snapshot it was given.
        ("""
         CREATE SEQUENCE "MeetingRevisions" AS bigint;
         """,
         """
         DROP SEQUENCE IF EXISTS "MeetingRevisions";
         """),
    ];
}
