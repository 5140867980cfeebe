using Microsoft.Extensions.Options;

namespace Helsefellesskap.App.Features.Email;

/// <summary>
/// The only place mail leaves the app: it gathers the reminders that are due, then sends what the outbox holds, and
/// sleeps until a command wakes it or the poll interval has passed. Nothing is sent from a page or a command.
/// </summary>
public sealed class OutboxWorker(OutboxDispatcher dispatcher, ReminderRun reminders, OutboxSignal signal, TimeProvider clock,
    IOptions<EmailOptions> options, ILogger<OutboxWorker> log) : BackgroundService
{
    private static readonly TimeSpan ReminderInterval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start-up (migration, seeding) goes first.
        await Task.Yield();
        DateTimeOffset? lastReminders = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Reminders need looking for only now and then; the outbox on every wake.
                if (lastReminders is not { } last || clock.GetUtcNow() - last >= ReminderInterval)
                {
                    await reminders.RunAsync(stoppingToken);
                    lastReminders = clock.GetUtcNow();
                }
                await dispatcher.SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogError(e, "Utsendelsen av e-post stoppet; prøver igjen.");
            }
            try { await signal.WaitAsync(options.Value.PollInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
