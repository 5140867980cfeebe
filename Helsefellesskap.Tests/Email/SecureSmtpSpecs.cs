using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Email;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Email;

/// <summary>
/// Mail through a real SMTP server on the loopback that requires STARTTLS (a certificate the test made) and a login,
/// configured through the same keys as appsettings (<c>Email:Smtp:UseTls/User/Password</c>).
/// </summary>
public sealed class SecureSmtpSpecs : ServiceSpec
{
    private const string User = "hf-utsending";
    private const string Password = "Riktig-passord-2026";
    private readonly SmtpSink smtp;

    public SecureSmtpSpecs(DemoDatabaseTemplate template) : this(template, SmtpSink.SecuredOnFreePort(User, Password)) { }

    private SecureSmtpSpecs(DemoDatabaseTemplate template, SmtpSink sink) : base(template, services => UseSmtp(services, sink, Password)) => smtp = sink;

    /// <summary>The settings as an operator writes them (environment or appsettings), bound the way the app binds them.</summary>
    private static void UseSmtp(IServiceCollection services, SmtpSink sink, string password, bool acceptAnyCertificate = true) =>
        services.Configure<EmailOptions>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "localhost",
            ["Email:Smtp:Port"] = sink.Port.ToString(),
            ["Email:Smtp:UseTls"] = "true",
            ["Email:Smtp:User"] = User,
            ["Email:Smtp:Password"] = password,
            ["Email:Smtp:AcceptAnyCertificate"] = acceptAnyCertificate ? "true" : null,
            ["Email:AppUrl"] = "https://hf.eksempel.no",
        }).Build().GetSection("Email"));

    private FixedClock Clock => (FixedClock)Service<TimeProvider>();

    /// <summary>A new SSU meeting with one case, its notice sent: one message per person called waits in the outbox.</summary>
    private async Task<int> NoticeSentAsync()
    {
        await smtp.StartAsync();
        await As("mari.hovde");
        var ssu = await Body("SSU");
        var cases = Service<CaseWork>();
        var caseId = await cases.CreateDraftAsync(new("Felles rutine for legemiddelsamstemming", CaseType.Decision, false, CaseTag.None, ssu, null,
            "Bakgrunn.", "Vurdering.", "SSU vedtar rutinen."));
        await cases.RegisterAsync(caseId);
        var meetings = Service<MeetingWork>();
        var meeting = await meetings.ScheduleAsync(new MeetingInput(ssu, new DateOnly(2026, 12, 8), new TimeOnly(9, 0), TimeSpan.FromHours(3),
            "Hamar rådhus", null));
        await meetings.AddCaseAsync(meeting, caseId);
        await meetings.SendNoticeAsync(meeting);
        await using var db = Database.NewContext();
        return await db.Set<OutboxMessage>().CountAsync();
    }

    [Fact]
    public async Task A_notice_goes_through_a_server_that_requires_starttls_and_a_login()
    {
        var waiting = await NoticeSentAsync();
        Assert.True(waiting > 1);

        Assert.Equal(waiting, await Service<OutboxDispatcher>().SendDueAsync());

        var received = await smtp.WaitForAsync(m => m.Subject.StartsWith("Innkalling"), waiting);
        Assert.Equal(waiting, received.Count);
        Assert.Contains("hilde.moen@eksempel.no", received.SelectMany(m => m.To.Mailboxes).Select(a => a.Address));
        // One connection and one login per message; the server offers AUTH only inside TLS, so each was encrypted.
        Assert.Equal(Enumerable.Repeat($"{User}: ok", waiting), smtp.Logins);
    }

    [Fact]
    public async Task A_server_certificate_that_cannot_be_verified_is_refused_unless_the_settings_accept_any()
    {
        var waiting = await NoticeSentAsync();
        await using var strict = TestServices.Build(Database.Path, services => UseSmtp(services, smtp, Password, acceptAnyCertificate: false));
        Assert.False(strict.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value.Smtp.AcceptAnyCertificate);

        Assert.Equal(0, await strict.GetRequiredService<OutboxDispatcher>().SendDueAsync());

        Assert.Empty(smtp.Received);
        Assert.Empty(smtp.Logins);
        await using var db = Database.NewContext();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().ToListAsync();
        Assert.Equal(waiting, rows.Count);
        Assert.All(rows, r => Assert.Contains("certificate", r.LastError, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_wrong_password_leaves_the_messages_failed_for_the_secretariat_and_they_go_once_the_password_is_fixed()
    {
        var waiting = await NoticeSentAsync();
        await using (var wrong = TestServices.Build(Database.Path, services => UseSmtp(services, smtp, "Feil-passord")))
        {
            var clock = (FixedClock)wrong.GetRequiredService<TimeProvider>();
            for (var attempt = 0; attempt < OutboxMessage.MaxAttempts; attempt++)
            {
                Assert.Equal(0, await wrong.GetRequiredService<OutboxDispatcher>().SendDueAsync());
                clock.Now += TimeSpan.FromHours(1);
            }
        }
        Assert.Empty(smtp.Received);
        Assert.Contains($"{User}: refused", smtp.Logins);

        // What /admin/utsendelser shows the secretariat: every message failed, with the server's answer.
        var (failed, _) = await Service<Mailings>().ListAsync();
        Assert.Equal(waiting, failed.Count);
        Assert.All(failed, m => Assert.Equal((MailState.Failed, OutboxMessage.MaxAttempts), (m.State, m.Attempts)));
        Assert.All(failed, m => Assert.False(string.IsNullOrWhiteSpace(m.LastError)));

        // The operator fixes the password (these services have the right one); the secretariat chooses "Send på nytt".
        Clock.Now += TimeSpan.FromHours(7);
        var hilde = failed.Single(m => m.ToAddress == "hilde.moen@eksempel.no");
        await Service<Mailings>().SendAgainAsync(hilde.Id);
        Assert.Equal(1, await Service<OutboxDispatcher>().SendDueAsync());

        Assert.Equal("hilde.moen@eksempel.no", Assert.Single(await smtp.WaitForAsync(_ => true, 1)).To.Mailboxes.Single().Address);
        var (stillFailed, latest) = await Service<Mailings>().ListAsync();
        Assert.Equal(waiting - 1, stillFailed.Count);
        Assert.Equal(MailState.Sent, latest.Single(m => m.Id == hilde.Id).State);
    }
}
