using Microsoft.JSInterop;

namespace Helsefellesskap.App.Shared.Text;

/// <summary>A field whose typing the browser keeps (drafts.js): its draft name, its label, and the text the server has.</summary>
public sealed record DraftField(string Name, string Label, string? ServerText);

/// <summary>Text kept in the browser that differs from what the server has: typed, but never confirmed saved.</summary>
public sealed record UnsavedDraft(string Name, string Label, string Text);

/// <summary>
/// The page's side of drafts.js. Nothing here decides for the user: a draft that differs from the server's text is
/// offered, and either is kept only when the user chooses. Without a live browser (prerender, a tab closing) there
/// are simply no drafts.
/// </summary>
public static class BrowserDrafts
{
    public static async Task<IReadOnlyList<UnsavedDraft>> DifferingAsync(IJSRuntime js, IReadOnlyList<DraftField> fields)
    {
        var texts = await Safely(() => js.InvokeAsync<string?[]?>("hfDrafts.read", [fields.Select(f => f.Name).ToArray()]));
        if (texts is null || texts.Length != fields.Count) return [];
        return fields.Zip(texts)
            .Where(x => x.Second is { } draft && draft != (x.First.ServerText ?? ""))
            .Select(x => new UnsavedDraft(x.First.Name, x.First.Label, x.Second!))
            .ToList();
    }

    /// <summary>The server confirmed saving these texts: their drafts are no longer needed.</summary>
    public static async Task SavedAsync(IJSRuntime js, IEnumerable<(string Name, string? Text)> saved)
    {
        foreach (var (name, text) in saved) await Safely(() => js.InvokeVoidAsync("hfDrafts.saved", name, text ?? ""));
    }

    public static Task DiscardAsync(IJSRuntime js, IEnumerable<string> names) =>
        Safely(() => js.InvokeVoidAsync("hfDrafts.discard", [names.ToArray()]));

    private static async Task<T?> Safely<T>(Func<ValueTask<T>> call)
    {
        try { return await call(); }
        catch (Exception e) when (e is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException) { return default; }
    }

    private static async Task Safely(Func<ValueTask> call)
    {
        try { await call(); }
        catch (Exception e) when (e is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException) { }
    }
}
