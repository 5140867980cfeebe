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
            Success = "#1b6e20",
            Warning = "#8a5300",
            Error = "#b00020",
            Info = "#0b5a7a",
            TextSecondary = "rgba(0,0,0,0.70)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
