using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;

namespace Helsefellesskap.Tests.Domain.Cases;

public class AttachmentSpecs
{
    private const long MB = 1024 * 1024;
    private static readonly Guid CaseId = Guid.CreateVersion7();
    private static readonly Guid Uploader = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 9, 30, 0, TimeSpan.FromHours(1));
    private static readonly string Sha = new string('a', 32) + new string('0', 32);

    private static readonly byte[] Pdf = "%PDF-1.7\n"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00];

    private static Attachment Attach(string fileName, byte[] head, long size = 1000, string? sha256 = null) =>
        Attachment.Create(CaseId, fileName, size, head, sha256 ?? Sha, Uploader, Now);

    private static string Refusal(string fileName, byte[] head, long size = 1000, string? sha256 = null) =>
        Assert.Throws<DomainException>(() => Attach(fileName, head, size, sha256)).Message;

    public static TheoryData<string, byte[], AttachmentKind, string> TheFiveKinds => new()
    {
        { "Referat.pdf", Pdf, AttachmentKind.Pdf, "application/pdf" },
        { "Saksfremstilling.docx", Zip, AttachmentKind.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "Budsjett 2026.xlsx", Zip, AttachmentKind.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "Organisasjonskart.png", Png, AttachmentKind.Png, "image/png" },
        { "Bilde fra møtet.jpg", Jpeg, AttachmentKind.Jpeg, "image/jpeg" },
        { "Bilde fra møtet.jpeg", Jpeg, AttachmentKind.Jpeg, "image/jpeg" },
        { "SKANNET BREV.PDF", Pdf, AttachmentKind.Pdf, "application/pdf" },
    };

    [Theory]
    [MemberData(nameof(TheFiveKinds))]
    public void PDF_Word_Excel_PNG_and_JPEG_are_accepted_when_their_content_is_what_the_name_says(
        string fileName, byte[] head, AttachmentKind kind, string contentType)
    {
        var attachment = Attach(fileName, head);

        Assert.Equal(kind, attachment.Kind);
        Assert.Equal(contentType, attachment.ContentType);
        Assert.Equal(fileName, attachment.FileName);
    }

    [Fact]
    public void An_attachment_keeps_its_case_size_checksum_uploader_and_time()
    {
        var attachment = Attach("Referat.pdf", Pdf, size: 123_456);

        Assert.Equal(CaseId, attachment.CaseId);
        Assert.Equal(123_456, attachment.SizeBytes);
        Assert.Equal(Sha, attachment.Sha256);
        Assert.Equal(Uploader, attachment.UploadedByPersonId);
        Assert.Equal(Now, attachment.UploadedAt);
        Assert.NotEqual(Guid.Empty, attachment.Id);
    }

    [Fact]
    public void An_attachment_of_exactly_25_MB_is_accepted()
    {
        Assert.Equal(25 * MB, AttachmentPolicy.MaxBytes);
        Assert.Equal(25 * MB, Attach("Referat.pdf", Pdf, size: 25 * MB).SizeBytes);
    }

    [Fact]
    public void An_attachment_larger_than_25_MB_is_refused_and_its_size_is_never_shown_as_the_limit()
    {
        Assert.Equal("Vedlegget «Referat.pdf» er 25,1 MB. Grensen er 25 MB.", Refusal("Referat.pdf", Pdf, size: 25 * MB + 1));
    }

    [Fact]
    public void The_size_of_a_refused_attachment_is_given_in_MB_with_one_decimal_and_a_comma()
    {
        Assert.Equal("Vedlegget «Årsrapport.pdf» er 31,2 MB. Grensen er 25 MB.", Refusal("Årsrapport.pdf", Pdf, size: 32_715_571));
    }

    [Fact]
    public void An_empty_attachment_is_refused()
    {
        Assert.Equal("Vedlegget «Referat.pdf» er tomt.", Refusal("Referat.pdf", [], size: 0));
    }

    [Theory]
    [InlineData("Oppdatering.exe", ".exe")]
    [InlineData("Innkalling.html", ".html")]
    [InlineData("Logo.svg", ".svg")]
    [InlineData("Gammelt referat.doc", ".doc")]
    [InlineData("Gammelt budsjett.XLS", ".xls")]
    [InlineData("Referat.pdf.exe", ".exe")]
    public void Other_file_types_are_refused_with_the_types_that_are_allowed(string fileName, string extension)
    {
        Assert.Equal($"Filtypen {extension} kan ikke legges ved. Tillatt er PDF, Word (DOCX), Excel (XLSX), PNG og JPEG.",
            Refusal(fileName, Pdf));
    }

    [Fact]
    public void A_file_without_a_file_type_is_refused()
    {
        Assert.Equal("Vedlegget «Referat» har ingen filtype. Tillatt er PDF, Word (DOCX), Excel (XLSX), PNG og JPEG.",
            Refusal("Referat", Pdf));
    }

    [Fact]
    public void A_PDF_whose_content_is_a_PNG_is_refused()
    {
        Assert.Equal("Innholdet i «Referat.pdf» er ikke en gyldig PDF-fil.", Refusal("Referat.pdf", Png));
    }

    [Theory]
    [InlineData("Saksfremstilling.docx", "Word-fil (DOCX)")]
    [InlineData("Budsjett.xlsx", "Excel-fil (XLSX)")]
    [InlineData("Kart.png", "PNG-fil")]
    [InlineData("Bilde.jpg", "JPEG-fil")]
    public void A_file_whose_content_is_a_PDF_is_refused_under_any_other_name(string fileName, string kind)
    {
        Assert.Equal($"Innholdet i «{fileName}» er ikke en gyldig {kind}.", Refusal(fileName, Pdf));
    }

    [Fact]
    public void A_file_whose_first_bytes_are_too_few_to_recognise_is_refused()
    {
        Assert.Equal("Innholdet i «Kart.png» er ikke en gyldig PNG-fil.", Refusal("Kart.png", Png[..4]));
    }

    [Theory]
    [InlineData(@"C:\Users\x\Referat møte.pdf")]
    [InlineData("/home/x/Referat møte.pdf")]
    [InlineData(@"..\../Referat møte.pdf")]
    [InlineData("  Referat møte.pdf ")]
    public void Only_the_file_s_own_name_is_kept_not_the_folders_it_came_from(string sent)
    {
        Assert.Equal("Referat møte.pdf", Attach(sent, Pdf).FileName);
    }

    [Fact]
    public void An_å_sent_as_a_and_a_ring_is_kept_as_one_letter()
    {
        Assert.Equal("Tiltak på Gjøvik.pdf", Attach("Tiltak pa\u030A Gjøvik.pdf", Pdf).FileName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(@"C:\Users\x\")]
    public void An_attachment_without_a_file_name_is_refused(string sent)
    {
        Assert.Equal("Vedlegget må ha et filnavn.", Refusal(sent, Pdf));
    }

    [Fact]
    public void A_file_name_of_200_characters_is_accepted_and_one_longer_is_refused()
    {
        Assert.Equal(200, Attach(new string('å', 196) + ".pdf", Pdf).FileName.Length);
        Assert.StartsWith("Filnavnet «ååå", Refusal(new string('å', 197) + ".pdf", Pdf));
        Assert.EndsWith("» er for langt. Grensen er 200 tegn.", Refusal(new string('å', 197) + ".pdf", Pdf));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc123")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("0123456789abcdef0123456789abcdef 123456789abcdef0123456789abcdef")]
    public void A_checksum_that_is_not_64_hexadecimal_characters_is_refused(string sha256)
    {
        Assert.Equal("Sjekksummen for «Referat.pdf» er ikke en gyldig SHA-256 (64 heksadesimale tegn).",
            Refusal("Referat.pdf", Pdf, sha256: sha256));
    }

    [Fact]
    public void A_checksum_in_capitals_is_kept_in_lowercase()
    {
        var sha256 = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";

        Assert.Equal(sha256.ToLowerInvariant(), Attach("Referat.pdf", Pdf, sha256: sha256).Sha256);
    }

    [Fact]
    public void A_Word_or_Excel_file_that_declares_more_than_100_MB_unpacked_is_refused()
    {
        AttachmentPolicy.ArchivePart[] parts = [new(1 * MB, 60 * MB), new(1 * MB, 50 * MB)];

        var error = Assert.Throws<DomainException>(() => AttachmentPolicy.CheckArchive("Budsjett.xlsx", AttachmentKind.Xlsx, parts));

        Assert.StartsWith("«Budsjett.xlsx» pakker seg ut til mer enn 100 MB og kan ikke legges ved.", error.Message);
        AttachmentPolicy.CheckArchive("Budsjett.xlsx", AttachmentKind.Xlsx, [new(1 * MB, 60 * MB), new(1 * MB, 40 * MB)]);
    }

    [Fact]
    public void A_large_part_of_a_Word_or_Excel_file_compressed_more_than_100_to_1_is_refused()
    {
        var error = Assert.Throws<DomainException>(() =>
            AttachmentPolicy.CheckArchive("Notat.docx", AttachmentKind.Docx, [new(100_000, 20 * MB)]));

        Assert.StartsWith("«Notat.docx» inneholder en del som er pakket mer enn 100:1", error.Message);
        // A small part may compress as well as it likes; a large one up to the ratio.
        AttachmentPolicy.CheckArchive("Notat.docx", AttachmentKind.Docx, [new(1_000, 5 * MB), new(210_000, 20 * MB)]);
    }

    [Fact]
    public void Declared_sizes_near_the_largest_number_do_not_overflow_the_sum()
    {
        Assert.Throws<DomainException>(() => AttachmentPolicy.CheckArchive("Notat.docx", AttachmentKind.Docx,
            [new(long.MaxValue, long.MaxValue), new(long.MaxValue, long.MaxValue)]));
        Assert.Throws<DomainException>(() => AttachmentPolicy.CheckArchive("Notat.docx", AttachmentKind.Docx, [new(1, -1)]));
    }
}
