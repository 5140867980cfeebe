using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on the loopback (SmtpServer by cosullivan) that keeps every message it accepts, parsed by
/// MimeKit. It can be stopped and started again on the same port, to play an outage.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private CancellationTokenSource? _running;
    private SmtpServer.SmtpServer? _server;

    private SmtpSink(int port) => Port = port;

    public int Port { get; }
    public IReadOnlyList<MimeMessage> Received => _received.ToList();

    /// <summary>A sink on a free port, not yet listening: the server is down until <see cref="StartAsync"/>.</summary>
    public static SmtpSink OnFreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new SmtpSink(port);
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
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
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
