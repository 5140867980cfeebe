using BareLive;
using Helsefellesskap.App.Features.Meetings.Live;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLiveBench;

/// <summary>Counts the server's open Blazor circuits, so the memory part knows when rooms have opened and closed.</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private int _open;
    public int Open => Volatile.Read(ref _open);
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) { Interlocked.Increment(ref _open); return Task.CompletedTask; }
    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) { Interlocked.Decrement(ref _open); return Task.CompletedTask; }

    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<CircuitCounter>();
        services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
    }

    /// <summary>Waits (checking every 50 ms, up to 60 s) until <paramref name="count"/> circuits are open.</summary>
    public async Task<bool> WaitForAsync(int count)
    {
        for (var i = 0; i < 1200 && Open != count; i++) await Task.Delay(50);
        return Open == count;
    }
}

/// <summary>
/// A site the screens follow: the app's meeting page or the bare page. The same browsers, probe and clicks
/// work on both, since both show the hospital's row as <c>li.party-row[data-party] .party-position</c>.
/// </summary>
public interface ITarget
{
    string Name { get; }
    string BaseUrl { get; }
    /// <summary>The page every participant has open.</summary>
    string Path { get; }
    /// <summary>The text of the page's h1 once it has its data.</summary>
    string Heading { get; }
    /// <summary>Whether a participant signs in first (the app) or not (the bare page).</summary>
    bool SignsIn { get; }
    CircuitCounter Circuits { get; }
    /// <summary>Calls <paramref name="published"/> when the server starts handing a change out (the first subscriber).</summary>
    IDisposable OnPublished(Action published);
}

public sealed class AppTarget(LiveApp app, Guid meetingId) : ITarget
{
    public string Name => "app";
    public string BaseUrl => app.BaseUrl;
    public string Path => $"/moter/{meetingId}";
    public string Heading => "Møte i";
    public bool SignsIn => true;
    public CircuitCounter Circuits => app.Services.GetRequiredService<CircuitCounter>();
    public IDisposable OnPublished(Action published) =>
        app.Services.GetRequiredService<MeetingNotifier>().Subscribe(meetingId, _ => { published(); return Task.CompletedTask; });
}

/// <summary>bench/BareLive on Kestrel on a loopback port, in this process, environment Production.</summary>
public sealed class BareApp : WebApplicationFactory<BareLive.Program>, ITarget
{
    public string Name => "bare";
    public string BaseUrl { get; private set; } = "";
    public string Path => "/";
    public string Heading => "Møte";
    public bool SignsIn => false;
    public CircuitCounter Circuits => Services.GetRequiredService<CircuitCounter>();

    public void Start()
    {
        // WebApplicationFactory looks for the project next to the solution; it lives in bench/.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BARELIVE", ProjectFolder());
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    private static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "bench", "BareLive", "BareLive.csproj")))
                return System.IO.Path.Combine(dir.FullName, "bench", "BareLive");
        return AppContext.BaseDirectory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseStaticWebAssets();
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(CircuitCounter.AddTo);
    }

    public IDisposable OnPublished(Action published) =>
        Services.GetRequiredService<BoardNotifier>().Subscribe(_ => { published(); return Task.CompletedTask; });
}
