using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on the loopback (SmtpServer by cosullivan) that keeps every message it accepts, parsed by
/// MimeKit. It can be stopped and started again on the same port, to play an outage. A secured sink offers STARTTLS
/// with a self-signed certificate and takes mail only after AUTH (PLAIN or LOGIN) inside TLS, as a real relay does.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly ConcurrentQueue<string> _logins = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly (string User, string Password)? _account;
    private CancellationTokenSource? _running;
    private SmtpServer.SmtpServer? _server;

    private SmtpSink(int port, (string User, string Password)? account = null)
    {
        Port = port;
        _account = account;
        if (account is not null) Certificate = SelfSignedCertificate();
    }

    public int Port { get; }
    public IReadOnlyList<MimeMessage> Received => _received.ToList();

    /// <summary>Each login the server accepted or refused, as "user: ok" or "user: refused".</summary>
    public IReadOnlyList<string> Logins => _logins.ToList();

    /// <summary>The certificate a secured sink presents, made by the test; null for a plain sink.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>A sink on a free port, not yet listening: the server is down until <see cref="StartAsync"/>.</summary>
    public static SmtpSink OnFreePort() => new(FreePort());

    /// <summary>A sink that requires STARTTLS and a login with this user name and password, not yet listening.</summary>
    public static SmtpSink SecuredOnFreePort(string user, string password) => new(FreePort(), (user, password));

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so that the server's TLS finds the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    public static async Task<SmtpSink> StartedAsync()
    {
        var sink = OnFreePort();
        await sink.StartAsync();
        return sink;
    }

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
                // AUTH is offered only inside TLS, so a client that skipped STARTTLS cannot log in or send.
                if (Certificate is not null) e.Certificate(Certificate).AllowUnsecureAuthentication(false).AuthenticationRequired(true);
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        if (_account is { } account) services.Add(new Authenticator(this, account.User, account.Password));
        _running = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services);
        _ = _server.StartAsync(_running.Token);
        // Listening is a state to wait for: a connection succeeds once the server has bound its port.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(10)) { await Task.Yield(); }
        }
    }

    public async Task StopAsync()
    {
        if (_server is null) return;
        _running!.Cancel();
        try { await _server.ShutdownTask; } catch (OperationCanceledException) { }
        _server = null;
    }

    /// <summary>Waits until <paramref name="count"/> received messages match, and returns them (more, if more came).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> match, int count, int timeoutSeconds = 30)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = _received.Where(match).ToList();
            if (found.Count >= count) return found;
            var left = TimeSpan.FromSeconds(timeoutSeconds) - deadline.Elapsed;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                throw new TimeoutException($"Fikk {found.Count} av {count} e-poster.");
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Authenticator(SmtpSink sink, string user, string password) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string givenUser, string givenPassword, CancellationToken cancellationToken)
        {
            var ok = givenUser == user && givenPassword == password;
            sink._logins.Enqueue($"{givenUser}: {(ok ? "ok" : "refused")}");
            return Task.FromResult(ok);
        }
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            sink._received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            sink._arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
