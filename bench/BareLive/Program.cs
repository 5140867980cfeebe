using BareLive.Components;

namespace BareLive;

/// <summary>
/// A bare Blazor Web App (interactive server), the baseline MeetingLiveBench measures the meeting page against:
/// one page with a board of party rows and a button that registers a position into <see cref="BoardNotifier"/>,
/// which hands the new immutable board to every circuit. Run alone with <c>dotnet run -c Release --project bench/BareLive</c>.
/// </summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddSingleton<BoardNotifier>();

        var app = builder.Build();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.Run();
    }
}
