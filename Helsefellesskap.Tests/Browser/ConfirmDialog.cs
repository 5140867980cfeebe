using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>The app's one confirmation dialog, as a user answers it.</summary>
public static class ConfirmDialog
{
    public static ILocator Of(IPage page) => page.GetByRole(AriaRole.Dialog);

    /// <summary>
    /// Clicks what asks the question until the dialog shows. A click that lands while the page re-renders (a list that
    /// refreshes after a search) goes to an event handler Blazor has just replaced, and the server drops it; a user
    /// clicks again, and so does this, at most three times and never while a dialog is open.
    /// </summary>
    public static async Task OpenedByAsync(IPage page, ILocator opener)
    {
        for (var attempt = 1; ; attempt++)
        {
            await opener.ClickAsync();
            try
            {
                await Expect(Of(page)).ToBeVisibleAsync(new() { Timeout = attempt < 3 ? 10_000 : 15_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                if (await Of(page).CountAsync() > 0) return; // it came late: the click was slow, not lost
            }
        }
    }

    /// <summary>Waits for the question, then clicks the action it offers.</summary>
    public static async Task ConfirmAsync(IPage page, string action)
    {
        var dialog = Of(page);
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }
}
