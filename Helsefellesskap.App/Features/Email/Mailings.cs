using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Email;

public enum MailState { Waiting, Sent, Failed }

public sealed record MailRow(Guid Id, MailKind Kind, string ToName, string ToAddress, string Subject, DateTimeOffset CreatedAt,
    int Attempts, string? LastError, DateTimeOffset? SentAt, MailState State);

/// <summary>The secretariat's view of the outbox (/admin/utsendelser): what failed, what went out, and "Send på nytt".</summary>
public sealed class Mailings(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, Actors actors, TimeProvider clock, OutboxSignal signal)
{
    private DateOnly Today => OsloTime.Today(clock);

    /// <summary>Every failed message, then the latest <paramref name="latest"/> others, newest first.</summary>
    public async Task<(IReadOnlyList<MailRow> Failed, IReadOnlyList<MailRow> Latest)> ListAsync(int latest = 100)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        (await actors.CurrentAsync(db)).MustReadMailings(Today);
        var failed = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts >= OutboxMessage.MaxAttempts).OrderByDescending(m => m.CreatedAt).ToListAsync();
        var others = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => !(m.SentAt == null && m.Attempts >= OutboxMessage.MaxAttempts)).OrderByDescending(m => m.CreatedAt).Take(latest).ToListAsync();
        return (failed.Select(Row).ToList(), others.Select(Row).ToList());
    }

    public Task SendAgainAsync(Guid messageId) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustSendMailAgain(Today);
        var message = await db.Set<OutboxMessage>().SingleOrDefaultAsync(m => m.Id == messageId)
            ?? throw new Domain.DomainException("Meldingen finnes ikke.");
        message.SendAgain(clock.GetUtcNow(), actor.Name);
        db.AuditAction = $"E-post til {message.ToName} sendt på nytt";
        await db.SaveChangesAsync();
        signal.Notify();
        return 0;
    });

    private static MailRow Row(OutboxMessage m) => new(m.Id, m.Kind, m.ToName, m.ToAddress, m.Subject, m.CreatedAt, m.Attempts, m.LastError,
        m.SentAt, m.SentAt is not null ? MailState.Sent : m.HasFailed ? MailState.Failed : MailState.Waiting);
}
