using Npgsql;

namespace Helsefellesskap.App.Data;

/// <summary>
/// Between app servers that share one database: a signal one server sends when it has committed a change that the
/// other servers' open tabs or workers must act on at once (a meeting's new revision, a case that changed, a user
/// whose sessions ended). A signal names a kind and one argument (an id); it carries no data, so whoever hears it
/// reads the database. The sender acts on its own change itself: a server never hears its own signals.
/// </summary>
public interface IServerLink
{
    /// <summary>Tells the other servers. Never throws: the change is committed, and a lost signal is logged.</summary>
    Task SendAsync(string kind, string argument);

    /// <summary>
    /// Waits until no other server holds the turn <paramref name="turn"/>, and holds it until disposed: for work two
    /// servers must never do at once, such as sending the outbox (each would send the same message).
    /// </summary>
    Task<IAsyncDisposable> TakeTurnAsync(long turn, CancellationToken cancellationToken);
}

/// <summary>The turns servers take.</summary>
public static class ServerTurns
{
    /// <summary>Gathering reminders and sending the outbox.</summary>
    public const long Outbox = 0x48_46_4F_55_54_42_58; // "HFOUTBX"
}

/// <summary>
/// What a server does when another server sends a signal of <see cref="Kind"/> (on the thread pool), and when it
/// listens again after its connection dropped (signals sent meanwhile are lost, so what it shows is read again).
/// Registered as a singleton; the services it needs are resolved when a signal comes.
/// </summary>
public sealed record ServerSignal(string Kind, Func<IServiceProvider, string, Task> Heard, Func<IServiceProvider, Task>? Reconnected = null);

/// <summary>One app server (SQLite): there is nobody else to tell.</summary>
public sealed class SingleServerLink : IServerLink
{
    public Task SendAsync(string kind, string argument) => Task.CompletedTask;

    // Nobody else takes turns; the work's own gate keeps this server's runs apart.
    public Task<IAsyncDisposable> TakeTurnAsync(long turn, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(NoTurn.Instance);

    private sealed class NoTurn : IAsyncDisposable
    {
        public static readonly NoTurn Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// The link on PostgreSQL: <c>NOTIFY server_signals, '&lt;server&gt;|&lt;kind&gt;|&lt;argument&gt;'</c>. Every server keeps one
/// connection listening on the channel (with keepalives, so a dead server or network is noticed in seconds); when it
/// drops, it is opened again and the reconnect handlers run. PostgreSQL delivers a notification only once the
/// sender's transaction has committed, and every server in the order sent. A turn is a session-level advisory lock on
/// a connection of its own, not pooled: ended with the turn, or with the server if it dies holding it.
/// </summary>
public sealed class PostgresServerLink : BackgroundService, IServerLink
{
    public const string Channel = "server_signals";

    /// <summary>The listening connection's application name, as the database's activity view shows it.</summary>
    public const string ApplicationName = "helsefellesskap-bus";

    private readonly string _server = Guid.NewGuid().ToString("N")[..12];
    private readonly IReadOnlyDictionary<string, ServerSignal> _signals;
    private readonly IServiceProvider _services;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _turns;
    private readonly ILogger<PostgresServerLink> _logger;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PostgresServerLink(DatabaseLocation database, IEnumerable<ServerSignal> signals, IServiceProvider services,
        ILogger<PostgresServerLink> logger)
    {
        _signals = signals.ToDictionary(s => s.Kind);
        _services = services;
        _logger = logger;
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { KeepAlive = 10, ApplicationName = ApplicationName };
        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        _turns = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, ApplicationName = "helsefellesskap-turn" }.ConnectionString;
    }

    /// <summary>Completes once this server listens (after start-up); signals sent before are not heard.</summary>
    public Task Listening => _listening.Task;

    /// <summary>How many times the listening connection has been opened (1 after start-up; more after reconnects).</summary>
    public int Connections { get; private set; }

    public async Task SendAsync(string kind, string argument)
    {
        try
        {
            await using var notify = _dataSource.CreateCommand("SELECT pg_notify($1, $2)");
            notify.Parameters.Add(new NpgsqlParameter { Value = Channel });
            notify.Parameters.Add(new NpgsqlParameter { Value = $"{_server}|{kind}|{argument}" });
            await notify.ExecuteNonQueryAsync();
            _logger.LogDebug("{At:HH:mm:ss.fff} sendte {Kind} {Argument}", DateTime.UtcNow, kind, argument);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Kunne ikke varsle andre appservere: {Kind} {Argument}.", kind, argument);
        }
    }

    public async Task<IAsyncDisposable> TakeTurnAsync(long turn, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_turns);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection) { Parameters = { new() { Value = turn } } };
            // No command timeout: the other server's turn lasts as long as its work.
            take.CommandTimeout = 0;
            await take.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                Connections++;
                if (Connections > 1)
                    foreach (var signal in _signals.Values)
                        if (signal.Reconnected is { } reconnected) Run(() => reconnected(_services), $"{signal.Kind} etter ny lytteforbindelse");
                _listening.TrySetResult();
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Lytteforbindelsen mellom appserverne falt; kobler til igjen.");
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _dataSource.Dispose();
    }

    /// <summary>Called on the listening connection's thread: the handlers run on the thread pool.</summary>
    private void Heard(string payload)
    {
        var parts = payload.Split('|', 3);
        if (parts.Length != 3 || parts[0] == _server) return;
        _logger.LogDebug("{At:HH:mm:ss.fff} hørte {Kind} {Argument}", DateTime.UtcNow, parts[1], parts[2]);
        if (_signals.TryGetValue(parts[1], out var signal)) Run(() => signal.Heard(_services, parts[2]), $"{parts[1]} {parts[2]}");
    }

    private void Run(Func<Task> handler, string what) => _ = Task.Run(async () =>
    {
        try { await handler(); }
        catch (Exception e) { _logger.LogWarning(e, "Et varsel fra en annen appserver kunne ikke tas imot: {What}.", what); }
    });
}
