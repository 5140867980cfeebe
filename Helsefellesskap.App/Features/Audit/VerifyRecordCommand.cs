using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Audit;

/// <summary>
/// <c>dotnet run --project Helsefellesskap.App -- verify-record [--checkpoints PATH]</c>: the check behind
/// <c>/revisjon</c>, for an auditor with a copy of the database (and the key), run by hand or nightly. Exits 0 when
/// the record holds, 1 on any finding, 2 when it cannot run.
/// </summary>
public static class VerifyRecordCommand
{
    public const string Name = "verify-record";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, DatabaseLocation database, IConfiguration configuration, TextWriter output)
    {
        var checkpointFiles = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--checkpoints" && i + 1 < args.Length) { checkpointFiles.Add(Path.GetFullPath(args[++i])); continue; }
            await output.WriteLineAsync($"Ukjent argument: {args[i]}. Bruk: {Name} [--checkpoints FIL]");
            return 2;
        }
        var missing = checkpointFiles.FirstOrDefault(f => !File.Exists(f));
        if (missing is not null)
        {
            await output.WriteLineAsync($"Fant ikke sjekkpunktfilen {missing}.");
            return 2;
        }
        var file = database.Name;
        if (database.Provider == DatabaseProvider.Sqlite && !File.Exists(file))
        {
            await output.WriteLineAsync($"Fant ikke databasen {file}.");
            return 2;
        }
        // The app's own checkpoint file, when it is where this configuration says; the auditor's copy besides.
        var own = Path.GetFullPath(AuditCheckpoints.FileFor(configuration, file, database.Directory));
        if (File.Exists(own) && !checkpointFiles.Contains(own)) checkpointFiles.Insert(0, own);

        var key = AuditKey.Load(configuration, database.Directory, create: false);
        await output.WriteLineAsync($"Kontrollerer {file}" +
            (key is null ? " uten nøkkel" : $" med nøkkel {key.Id}") +
            (checkpointFiles.Count == 0 ? " og uten sjekkpunktfil." : $" mot {string.Join(", ", checkpointFiles)}."));
        var verification = await new RecordVerifier(_ => Task.FromResult(database.NewContext()), key, checkpointFiles).VerifyAsync();
        foreach (var line in verification.Lines) await output.WriteLineAsync(line);
        await output.WriteLineAsync(verification.Holds ? "Ingen avvik." : "Avvik funnet.");
        return verification.Holds ? 0 : 1;
    }
}
