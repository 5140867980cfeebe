using System.IO.Compression;
using System.Security.Cryptography;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Cases.Attachments;

public sealed record AttachmentDownload(string FileName, string ContentType, byte[] Content);

/// <summary>Attaching, removing and downloading a case's files.</summary>
public sealed class CaseAttachments(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, Actors actors, TimeProvider clock)
{
    private DateOnly Today => OsloTime.Today(clock);

    /// <summary>
    /// Checks name, type and size before reading a byte, then reads at most the limit, hashes it and lets the
    /// policy check the content against the file type.
    /// </summary>
    public async Task<Attachment> AddAsync(Guid caseId, string fileName, long size, Func<long, Stream> open, CancellationToken cancellationToken = default)
    {
        if (size > AttachmentPolicy.MaxBytes || size == 0) AttachmentPolicy.Check(fileName, size, []);
        byte[] content;
        await using (var stream = open(AttachmentPolicy.MaxBytes))
        using (var buffer = new MemoryStream((int)size))
        {
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }
        var kind = AttachmentPolicy.Check(fileName, content.LongLength, content.AsSpan(0, Math.Min(16, content.Length)));
        if (AttachmentPolicy.IsArchive(kind)) AttachmentPolicy.CheckArchive(fileName, kind, DeclaredParts(fileName, kind, content));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));

        return await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var actor = await actors.CurrentAsync(db);
            actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
            actor.MustAddAttachment(Today);
            var @case = await db.Cases.WithRecord().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
                ?? throw new DomainException("Saken finnes ikke.");
            var attachment = @case.AddAttachment(fileName, content.LongLength, content.AsSpan(0, Math.Min(16, content.Length)),
                sha256, actor.ActingPersonId, clock.GetUtcNow());
            if (!await db.AttachmentContents.AnyAsync(c => c.Sha256 == sha256, cancellationToken))
                db.AttachmentContents.Add(new AttachmentContent(sha256, content));
            db.AuditAction = $"Vedlegg lagt til: {attachment.FileName}";
            await db.SaveChangesAsync(cancellationToken);
            return attachment;
        }, cancellationToken);
    }

    /// <summary>
    /// The sizes a zip's central directory declares for each part, read without unpacking anything; an archive that
    /// cannot be read is not the Word or Excel file its name says.
    /// </summary>
    private static List<AttachmentPolicy.ArchivePart> DeclaredParts(string fileName, AttachmentKind kind, byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return zip.Entries.Select(e => new AttachmentPolicy.ArchivePart(e.CompressedLength, e.Length)).ToList();
        }
        catch (InvalidDataException)
        {
            throw AttachmentPolicy.NotValid(fileName, kind);
        }
    }

    public Task RemoveAsync(Guid caseId, Guid attachmentId) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
        actor.MustRemoveAttachment(Today);
        var @case = await db.Cases.WithRecord().SingleOrDefaultAsync(c => c.Id == caseId) ?? throw new DomainException("Saken finnes ikke.");
        var fileName = @case.Attachments.FirstOrDefault(a => a.Id == attachmentId)?.FileName;
        @case.RemoveAttachment(attachmentId, actor.ActingPersonId, clock.GetUtcNow());
        db.AuditAction = $"Vedlegg fjernet: {fileName}";
        await db.SaveChangesAsync();
        return true;
    });

    /// <summary>
    /// The file, for a user who may read its case. The endpoint runs outside a circuit, so it names the user; one
    /// who may not read the case is refused like one asking for a file that does not exist, so nothing leaks.
    /// </summary>
    public async Task<AttachmentDownload?> OpenAsync(Guid attachmentId, string userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var attachment = await db.Set<Attachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId);
        if (attachment is null) return null;
        var @case = await db.Cases.AsNoTracking().Include(c => c.Treatments).SingleAsync(c => c.Id == attachment.CaseId);
        if (await Actors.FindAsync(db, userId, clock) is not { } actor || !actor.MayReadCase(@case, Today)) return null;
        var content = await db.AttachmentContents.AsNoTracking().Where(c => c.Sha256 == attachment.Sha256).Select(c => c.Content).SingleAsync();
        return new AttachmentDownload(attachment.FileName, attachment.ContentType, content);
    }
}
