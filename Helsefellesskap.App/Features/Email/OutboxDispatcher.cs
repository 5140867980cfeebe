using Helsefellesskap.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.App.Features.Email;

/// <summary>
/// One run of the outbox: every message that is due goes to the transport, and its outcome is recorded. A message is
/// marked sent only after the server took it; one that fails waits longer each time, and after
/// <see cref="OutboxMessage.MaxAttempts"/> it waits for the secretariat. With more app servers, one sends at a time.
/// </summary>
public sealed class OutboxDispatcher(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, IMailTransport transport,
    IServerLink servers, TimeProvider clock, IOptions<EmailOptions> options, ILogger<OutboxDispatcher> log)
{
    private readonly SemaphoreSlim _oneRun = new(1, 1);

    /// <summary>Sends what is due; returns how many messages the server took.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        // The worker and a test (or two workers' runs) never send the same row at the same time; nor do two servers,
        // and the one that waited reads what is due after the other has recorded what it sent.
        await _oneRun.WaitAsync(cancellationToken);
        try
        {
            await using var turn = await servers.TakeTurnAsync(ServerTurns.Outbox, cancellationToken);
            var now = clock.GetUtcNow();
            List<OutboxMessage> due;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
                due = await db.Set<OutboxMessage>().AsNoTracking()
                    .Where(m => m.SentAt == null && m.Attempts < OutboxMessage.MaxAttempts && m.NextAttemptAt <= now)
                    .OrderBy(m => m.CreatedAt).Take(200).ToListAsync(cancellationToken);
            var sent = 0;
            foreach (var message in due)
            {
                string? error = null;
                try
                {
                    await transport.SendAsync(MailComposer.Compose(message, options.Value), cancellationToken);
                    sent++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    error = e.Message;
                    log.LogWarning("E-post {Id} til {Address} ble ikke sendt: {Error}", message.Id, message.ToAddress, e.Message);
                }
                await RecordAsync(message.Id, error, cancellationToken);
            }
            return sent;
        }
        finally { _oneRun.Release(); }
    }

    private Task RecordAsync(Guid id, string? error, CancellationToken cancellationToken) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<OutboxMessage>().SingleAsync(m => m.Id == id, cancellationToken);
        if (error is null) row.RecordSent(clock.GetUtcNow());
        else row.RecordFailure(error, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return 0;
    }, cancellationToken);
}
