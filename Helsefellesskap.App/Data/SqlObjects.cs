namespace Helsefellesskap.App.Data;

/// <summary>
/// What EF Core cannot model, created by the migrations in this order: SQL run after the tables exist.
/// Add to the list (with its drop) rather than editing a migration by hand.
/// </summary>
public static class SqlObjects
{
    public static readonly IReadOnlyList<(string Create, string Drop)> All =
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
}
