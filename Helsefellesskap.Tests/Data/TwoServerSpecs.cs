using Helsefellesskap.App;
using Helsefellesskap.App.Components.Account;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Administration;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Email;
using Helsefellesskap.Domain.Cases;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Data;

/// <summary>
/// Two app servers on one PostgreSQL database, each with its own services and its own link listening: what one does,
/// the other's open pages and tabs hear at once, and work only one may do at a time (the outbox) is never done twice.
/// The browsers' side is <c>TwoServerBrowserTests</c>.
/// </summary>
public sealed class TwoServerSpecs : ServiceSpec
{
    private const string PostgresOnly = "Two app servers share a PostgreSQL database; one SQLite file has one server.";
    private static readonly TimeSpan Heard = TimeSpan.FromSeconds(10);
    private readonly SmtpSink smtp;
    private ServiceProvider? other;

    public TwoServerSpecs(DemoDatabaseTemplate template) : this(template, SmtpSink.OnFreePort()) { }

    private TwoServerSpecs(DemoDatabaseTemplate template, SmtpSink sink) : base(template, services => UseSmtp(services, sink)) => smtp = sink;

    private static void UseSmtp(IServiceCollection services, SmtpSink sink) =>
        services.Configure<EmailOptions>(o => { o.Smtp.Host = "127.0.0.1"; o.Smtp.Port = sink.Port; o.Smtp.UseTls = false; });

    /// <summary>This test's services are server A; B is a second set on the same database. Both listen before the spec acts.</summary>
    private async Task<IServiceProvider> ServerB()
    {
        other = TestServices.Build(Database.Path, services =>
        {
            services.AddSingleton<AuthenticationStateProvider>(new TestAuthentication());
            UseSmtp(services, smtp);
        });
        foreach (var server in new IServiceProvider[] { Database.Services, other })
        {
            var link = server.GetRequiredService<PostgresServerLink>();
            await link.StartAsync(TestContext.Current.CancellationToken);
            await link.Listening.WaitAsync(Heard);
            // Warm, so that neither server's first query (its model, its pool) decides which of them goes first.
            await using var db = await server.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            await db.People.CountAsync();
        }
        return other;
    }

    [Fact]
    public async Task A_case_changed_on_one_server_is_read_again_by_the_pages_showing_it_on_either_server_once()
    {
        Assert.SkipUnless(TestServices.OnPostgres, PostgresOnly);
        var b = await ServerB();
        var caseId = Guid.NewGuid();
        var onA = 0;
        var onB = new TaskCompletionSource();
        var onBCount = 0;
        using var pageOnA = Service<CaseNotifier>().Subscribe(caseId, () => { Interlocked.Increment(ref onA); return Task.CompletedTask; });
        using var pageOnB = b.GetRequiredService<CaseNotifier>().Subscribe(caseId, () =>
        {
            Interlocked.Increment(ref onBCount);
            onB.TrySetResult();
            return Task.CompletedTask;
        });

        await Service<CaseNotifier>().PublishAsync(caseId);

        await onB.Task.WaitAsync(Heard);
        // A acted on its own change when publishing; its own signal coming back is not a second change.
        await WaitUntilQuiet();
        Assert.Equal(1, onA);
        Assert.Equal(1, onBCount);
    }

    [Fact]
    public async Task A_user_deactivated_on_one_server_has_the_tabs_open_on_the_other_server_ended_at_once()
    {
        Assert.SkipUnless(TestServices.OnPostgres, PostgresOnly);
        var b = await ServerB();
        var hilde = await UserId("hilde.moen");
        var ended = new TaskCompletionSource<string>();
        b.GetRequiredService<SessionSignals>().Ended += userId => ended.TrySetResult(userId);

        await As("admin");
        await Service<UserAdministration>().DeactivateAsync(hilde);

        Assert.Equal(hilde, await ended.Task.WaitAsync(Heard));
    }

    [Fact]
    public async Task Two_servers_sending_the_outbox_at_the_same_moment_send_each_message_once()
    {
        Assert.SkipUnless(TestServices.OnPostgres, PostgresOnly);
        var b = await ServerB();
        await smtp.StartAsync();
        var keys = Enumerable.Range(1, 12).Select(i => $"test/to-servere/{i}").ToList();
        await using (var db = Database.NewContext())
        {
            foreach (var key in keys)
                db.Add(new OutboxMessage(key, MailKind.Reminders, null, "Hilde Moen", "hilde.moen@eksempel.no", key, "Tekst.", FixedClock.DemoNow));
            db.AuditAction = "E-post lagt i utsendelseskøen";
            await db.SaveChangesAsync();
        }

        var sent = await Task.WhenAll(
            Task.Run(() => Service<OutboxDispatcher>().SendDueAsync()),
            Task.Run(() => b.GetRequiredService<OutboxDispatcher>().SendDueAsync()));

        Assert.Equal(keys.Count, sent.Sum());
        var received = await smtp.WaitForAsync(m => m.Subject.StartsWith("test/to-servere/"), keys.Count);
        Assert.Equal(keys.Order(), received.Select(m => m.Subject).Order());
        await using (var db = Database.NewContext())
            Assert.True(await db.Set<OutboxMessage>().Where(m => keys.Contains(m.Key)).AllAsync(m => m.SentAt != null && m.Attempts == 0));
    }

    [Fact]
    public async Task Two_servers_gathering_reminders_at_the_same_moment_write_each_digest_once_and_neither_fails()
    {
        Assert.SkipUnless(TestServices.OnPostgres, PostgresOnly);
        var b = await ServerB();
        await As("mari.hovde");
        var cases = Service<CaseWork>();
        var id = await cases.CreateDraftAsync(new("Felles rutine for samhandling om ernæring", CaseType.Decision, false, CaseTag.FrailElderly,
            await Body("SSU"), null, "B.", "V.", "F."));
        await cases.RegisterAsync(id);
        await cases.SendForPreparationAsync(id, await Body("AU"));
        var morning = OsloTime.At(new DateOnly(2027, 1, 6), 7);
        ((FixedClock)Service<TimeProvider>()).Now = morning;
        ((FixedClock)b.GetRequiredService<TimeProvider>()).Now = morning;

        var written = await Task.WhenAll(
            Task.Run(() => Service<ReminderRun>().RunAsync()),
            Task.Run(() => b.GetRequiredService<ReminderRun>().RunAsync()));

        Assert.True(written.Sum() > 0);
        Assert.Contains(0, written);
        await using var db = Database.NewContext();
        var digests = await db.Set<OutboxMessage>().Where(m => m.Kind == MailKind.Reminders).CountAsync();
        Assert.Equal(written.Sum(), digests);
    }

    /// <summary>
    /// Gives A's own signal, which A must not act on, its chance to come back: B sends a marker after it has heard A's
    /// signal, and PostgreSQL delivers to A's listener in the order the two were sent.
    /// </summary>
    private async Task WaitUntilQuiet()
    {
        var marker = Guid.NewGuid();
        var heard = new TaskCompletionSource();
        using var page = Service<CaseNotifier>().Subscribe(marker, () => { heard.TrySetResult(); return Task.CompletedTask; });
        await other!.GetRequiredService<CaseNotifier>().PublishAsync(marker);
        await heard.Task.WaitAsync(Heard);
    }

    public override async ValueTask DisposeAsync()
    {
        if (other is not null) await other.DisposeAsync();
        await smtp.DisposeAsync();
        await base.DisposeAsync();
    }
}
