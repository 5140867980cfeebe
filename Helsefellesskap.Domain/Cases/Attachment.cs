using System.Globalization;
using System.Text;

namespace Helsefellesskap.Domain.Cases;

public enum AttachmentKind
{
    Pdf,
    Docx,
    Xlsx,
    Png,
    Jpeg,
}

/// <summary>
/// Which files may be attached to a case (vedlegg): PDF, Word, Excel, PNG and JPEG up to 25 MB, whose content
/// really is what the file name says.
/// </summary>
public static class AttachmentPolicy
{
    public const long MaxBytes = 25L * 1024 * 1024;
    public const int MaxFileNameLength = 200;

    private const string Allowed = "Tillatt er PDF, Word (DOCX), Excel (XLSX), PNG og JPEG.";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>
    /// The kind of the file, or a <see cref="DomainException"/> naming the rule it breaks.
    /// </summary>
    /// <param name="head">The first bytes of the file; eight are enough to recognise every kind.</param>
    public static AttachmentKind Check(string fileName, long sizeBytes, ReadOnlySpan<byte> head)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        var name = CleanFileName(fileName);
        var kind = KindOf(name);
        DomainException.ThrowIf(sizeBytes == 0, $"Vedlegget «{name}» er tomt.");
        DomainException.ThrowIf(sizeBytes > MaxBytes,
            $"Vedlegget «{name}» er {Megabytes(sizeBytes)} MB. Grensen er {MaxBytes / (1024 * 1024)} MB.");
        DomainException.ThrowIf(!head.StartsWith(MagicOf(kind)),
            $"Innholdet i «{name}» er ikke en gyldig {Describe(kind)}.");
        return kind;
    }

    /// <summary>Word and Excel files are zip archives; these bound what they may unpack to (a zip bomb goes far past).</summary>
    public const long MaxUnpackedBytes = 100L * 1024 * 1024;
    public const int MaxCompressionRatio = 100;
    /// <summary>Small parts of a document may compress very well; the ratio is judged only for parts this large.</summary>
    public const long LargePartBytes = 10L * 1024 * 1024;

    public static bool IsArchive(AttachmentKind kind) => kind is AttachmentKind.Docx or AttachmentKind.Xlsx;

    /// <summary>One file inside a DOCX or XLSX, with the sizes its zip central directory declares.</summary>
    public readonly record struct ArchivePart(long CompressedBytes, long UnpackedBytes);

    /// <summary>
    /// Refuses a Word or Excel file whose parts declare that they unpack to more than <see cref="MaxUnpackedBytes"/>
    /// in all, or a large part compressed more than <see cref="MaxCompressionRatio"/>:1; whoever opens it, a
    /// reader's computer or a later indexer, would have to unpack it all.
    /// </summary>
    public static void CheckArchive(string fileName, AttachmentKind kind, IEnumerable<ArchivePart> parts)
    {
        var name = CleanFileName(fileName);
        long total = 0;
        foreach (var part in parts)
        {
            if (part.UnpackedBytes < 0 || part.CompressedBytes < 0) throw NotValid(name, kind);
            total = part.UnpackedBytes > MaxUnpackedBytes - total ? MaxUnpackedBytes + 1 : total + part.UnpackedBytes;
            DomainException.ThrowIf(total > MaxUnpackedBytes,
                $"«{name}» pakker seg ut til mer enn {MaxUnpackedBytes / (1024 * 1024)} MB og kan ikke legges ved. " +
                "En så stor Word- eller Excel-fil er trolig skadet eller laget for å skade; lagre den på nytt, eller legg ved en PDF.");
            DomainException.ThrowIf(part.UnpackedBytes >= LargePartBytes
                    && part.UnpackedBytes > (double)Math.Max(part.CompressedBytes, 1) * MaxCompressionRatio,
                $"«{name}» inneholder en del som er pakket mer enn {MaxCompressionRatio}:1 og kan ikke legges ved. " +
                "Så tett pakkes ikke et vanlig dokument; lagre den på nytt, eller legg ved en PDF.");
        }
    }

    /// <summary>The refusal of a file whose content is not the kind its name says.</summary>
    public static DomainException NotValid(string fileName, AttachmentKind kind) =>
        new($"Innholdet i «{CleanFileName(fileName)}» er ikke en gyldig {Describe(kind)}.");

    public static string ContentType(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => "application/pdf",
        AttachmentKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        AttachmentKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        AttachmentKind.Png => "image/png",
        AttachmentKind.Jpeg => "image/jpeg",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The file's own name without any folders the browser sent along (Windows or Unix), with Norwegian letters
    /// composed the usual way (a Mac sends å as a + ring) and without control characters.
    /// </summary>
    internal static string CleanFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = new StringBuilder(name.Length);
        // Enumerating runes turns a broken surrogate into U+FFFD, which Normalize would otherwise refuse.
        foreach (var rune in name.EnumerateRunes())
            if (!Rune.IsControl(rune)) kept.Append(rune);
        name = kept.ToString().Normalize(NormalizationForm.FormC).Trim();
        DomainException.ThrowIf(name.Length == 0, "Vedlegget må ha et filnavn.");
        // Not ThrowIf: its message is built even when the rule holds, and a short name has no 40 characters to show.
        if (name.Length > MaxFileNameLength)
            throw new DomainException($"Filnavnet «{name[..40]}…» er for langt. Grensen er {MaxFileNameLength} tegn.");
        return name;
    }

    private static AttachmentKind KindOf(string name)
    {
        var dot = name.LastIndexOf('.');
        DomainException.ThrowIf(dot < 0 || dot == name.Length - 1, $"Vedlegget «{name}» har ingen filtype. {Allowed}");
        var extension = name[dot..].ToLowerInvariant();
        return extension switch
        {
            ".pdf" => AttachmentKind.Pdf,
            ".docx" => AttachmentKind.Docx,
            ".xlsx" => AttachmentKind.Xlsx,
            ".png" => AttachmentKind.Png,
            ".jpg" or ".jpeg" => AttachmentKind.Jpeg,
            _ => throw new DomainException($"Filtypen {extension} kan ikke legges ved. {Allowed}"),
        };
    }

    // DOCX and XLSX are zip archives; their first bytes cannot tell one from the other.
    private static ReadOnlySpan<byte> MagicOf(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => PdfMagic,
        AttachmentKind.Png => PngMagic,
        AttachmentKind.Jpeg => JpegMagic,
        _ => ZipMagic,
    };

    private static string Describe(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => "PDF-fil",
        AttachmentKind.Docx => "Word-fil (DOCX)",
        AttachmentKind.Xlsx => "Excel-fil (XLSX)",
        AttachmentKind.Png => "PNG-fil",
        _ => "JPEG-fil",
    };

    // Rounded up, so that a file just over the limit never reads as if it were at the limit ("25,0 MB").
    private static string Megabytes(long bytes) =>
        (Math.Ceiling(bytes * 10.0 / (1024 * 1024)) / 10).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',');
}

/// <summary>A file attached to a case, kept with its original name, size and SHA-256 checksum.</summary>
public sealed class Attachment : Entity
{
    private Attachment() { FileName = ""; Sha256 = ""; }

    /// <summary>For the case, after <see cref="AttachmentPolicy.Check"/> has found the kind.</summary>
    internal Attachment(Guid caseId, string fileName, AttachmentKind kind, long sizeBytes, string sha256,
        Guid uploadedByPersonId, DateTimeOffset uploadedAt)
    {
        FileName = AttachmentPolicy.CleanFileName(fileName);
        ArgumentNullException.ThrowIfNull(sha256);
        DomainException.ThrowIf(!IsSha256(sha256),
            $"Sjekksummen for «{FileName}» er ikke en gyldig SHA-256 (64 heksadesimale tegn).");
        CaseId = caseId;
        Kind = kind;
        SizeBytes = sizeBytes;
        Sha256 = sha256.ToLowerInvariant();
        UploadedByPersonId = uploadedByPersonId;
        UploadedAt = uploadedAt;
    }

    /// <summary>Runs the <see cref="AttachmentPolicy"/> on the file and, if it passes, describes it.</summary>
    public static Attachment Create(Guid caseId, string fileName, long sizeBytes, ReadOnlySpan<byte> head,
        string sha256, Guid byPersonId, DateTimeOffset at) =>
        new(caseId, fileName, AttachmentPolicy.Check(fileName, sizeBytes, head), sizeBytes, sha256, byPersonId, at);

    public Guid CaseId { get; private set; }

    /// <summary>The name the file had on the uploader's machine, without folders; downloads keep it.</summary>
    public string FileName { get; private set; }

    public AttachmentKind Kind { get; private set; }
    public long SizeBytes { get; private set; }

    /// <summary>The SHA-256 of the content, in 64 lowercase hexadecimal characters.</summary>
    public string Sha256 { get; private set; }

    public Guid UploadedByPersonId { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }

    public string ContentType => AttachmentPolicy.ContentType(Kind);

    private static bool IsSha256(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);
}
