using System.Security.Cryptography;
using System.Text;

namespace Helsefellesskap.App.Data.Audit;

/// <summary>
/// The secret the audit chain is keyed with (HMAC-SHA-256). It never lives in the database: whoever can edit the
/// database file but not read this key can no longer write a record, or re-chain records, that verifies.
/// From the environment variable <see cref="EnvironmentVariable"/> (64 hex digits), else from the file
/// <c>Audit:KeyFile</c>, by default <c>keys/audit-chain.key</c> beside the database, where the Data Protection keys
/// are; the app makes that file (mode 600) on its first start.
/// </summary>
public sealed class AuditKey
{
    public const string EnvironmentVariable = "HELSEFELLESSKAP_AUDIT_KEY";
    public const string KeyFileSetting = "Audit:KeyFile";

    private AuditKey(byte[] bytes, string source)
    {
        Bytes = bytes;
        Source = source;
        Id = KeyIdOf(bytes);
    }

    public byte[] Bytes { get; }

    /// <summary>Where the key came from, for messages: a file path or the environment variable.</summary>
    public string Source { get; }

    /// <summary>The first 16 hex digits of the key's SHA-256: names the key in the chain's marker without revealing it.</summary>
    public string Id { get; }

    /// <summary>The first keyed record's sequence in this database, once known (<see cref="AppDbContext"/> finds or writes it).</summary>
    internal long? KeyedFrom { get; set; }

    public static string KeyIdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    public static string DefaultFile(string databaseDirectory) => Path.Combine(databaseDirectory, "keys", "audit-chain.key");

    /// <summary>
    /// The configured key. With <paramref name="create"/> the key file is made when missing (the app); without it
    /// (an auditor's check) a missing key is null.
    /// </summary>
    public static AuditKey? Load(IConfiguration? configuration, string databaseDirectory, bool create)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            return new AuditKey(Parse(fromEnvironment, EnvironmentVariable), EnvironmentVariable);
        var file = Path.GetFullPath(configuration?[KeyFileSetting] is { Length: > 0 } configured ? configured : DefaultFile(databaseDirectory));
        if (!File.Exists(file))
        {
            if (!create) return null;
            Create(file);
        }
        return new AuditKey(Parse(File.ReadAllText(file), file), file);
    }

    private static void Create(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // Written whole under another name and then moved into place, so no reader ever sees half a key.
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n"));
            stream.Flush(flushToDisk: true);
        }
        try { File.Move(temporary, file, overwrite: false); }
        catch (IOException) when (File.Exists(file))
        {
            // Another process (a parallel test) made it first: that key is the one.
            File.Delete(temporary);
        }
    }

    private static byte[] Parse(string text, string source)
    {
        var hex = text.Trim();
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            throw new InvalidOperationException($"Nøkkelen til revisjonsloggen i {source} må være 64 heksadesimale tegn (256 bit).");
        return Convert.FromHexString(hex);
    }
}
