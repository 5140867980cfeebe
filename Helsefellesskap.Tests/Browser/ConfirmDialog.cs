using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>The app's one confirmation dialog, as a user answers it.</summary>
public static class ConfirmDialog
{
    public static ILocator Of(IPage page) => page.GetByRole(AriaRole.Dialog);

    /// <summary>Waits for the question, then clicks the action it offers.</summary>
    public static async Task ConfirmAsync(IPage page, string action)
    {
        var dialog = Of(page);
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }
}
