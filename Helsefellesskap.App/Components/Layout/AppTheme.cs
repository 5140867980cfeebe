using Helsefellesskap.App.Shared;
using MudBlazor;

namespace Helsefellesskap.App.Components.Layout;

public static class AppTheme
{
    // Colours chosen for at least 4.5:1 contrast against white text or background (WCAG 2.1 AA).
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5a7a",
            Secondary = "#7a3b0b",
            AppbarBackground = "#0b5a7a",
            // MudBlazor's Success, Warning and Error are the tones' colours (Shared/Tones.cs).
            Success = Tone.Good.Colour(),
            Warning = Tone.Pending.Colour(),
            Error = Tone.Bad.Colour(),
            Info = "#0b5a7a",
            TextSecondary = "rgba(0,0,0,0.70)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
