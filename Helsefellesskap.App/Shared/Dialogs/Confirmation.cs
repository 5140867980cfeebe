using Microsoft.JSInterop;
using MudBlazor;

namespace Helsefellesskap.App.Shared.Dialogs;

/// <summary>
/// Asks before an irreversible action (closing a treatment or a meeting, approving minutes, deactivating a user,
/// sending the notice). Focus goes back to the button that asked, so a keyboard user continues where they were.
/// </summary>
public sealed class Confirmation(IDialogService dialogs, IJSRuntime js)
{
    public async Task<bool> AskAsync(string question, string action, bool destructive = false)
    {
        await RunJs("helsefellesskap.rememberFocus");
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { x => x.Title, "Bekreft" },
            { x => x.Question, question },
            { x => x.Action, action },
            { x => x.Destructive, destructive },
        };
        var options = new DialogOptions
        {
            CloseOnEscapeKey = true,
            BackdropClick = false,
            DefaultFocus = DefaultFocus.None, // ConfirmDialog focuses "Avbryt" itself
            MaxWidth = MaxWidth.Small,
            FullWidth = true,
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>("Bekreft", parameters, options);
        var result = await dialog.Result;
        await RunJs("helsefellesskap.restoreFocus");
        return result is { Canceled: false };
    }

    // Focus is a courtesy: a page rendered without a browser (prerendering, bUnit) still asks and answers.
    private async Task RunJs(string function)
    {
        try { await js.InvokeVoidAsync(function); }
        catch (InvalidOperationException) { }
        catch (JSException) { }
        catch (JSDisconnectedException) { }
    }
}
