using Helsefellesskap.Domain;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>Text longer than a field allows stops at the limit in the browser; what the page says is saved is saved.</summary>
public class LongTextBrowserTests(AppServer app)
{
    [Fact]
    public async Task A_pasted_text_over_the_limit_stops_at_20_000_characters_and_the_saved_state_tells_the_truth()
    {
        // Norwegian letters, quotes and line breaks: the characters that grow most when escaped for the circuit.
        const string sentence = "Blåbærsyltetøy «på» \"tur\" – æøå ÆØÅ.\n";
        var repeated = string.Concat(Enumerable.Repeat(sentence, 25_000 / sentence.Length + 2));
        // Start where the 20 000th character is not blank, so the saved text (trimmed) is exactly what the field keeps.
        var start = Enumerable.Range(0, sentence.Length).First(i => !char.IsWhiteSpace(repeated[i]) && !char.IsWhiteSpace(repeated[i + Plausible.LongTextMaxLength - 1]));
        var pasted = repeated.Substring(start, 25_000);
        var kept = pasted[..Plausible.LongTextMaxLength];
        Assert.Equal(kept, kept.Trim());
        var title = "Lang bakgrunn " + Guid.NewGuid().ToString("N")[..8];

        var page = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(page, "/saker/ny");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ny sak");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Tittel" }).FillAsync(title);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Alle endringer er lagret" })).ToBeVisibleAsync();

        var background = page.GetByRole(AriaRole.Textbox, new() { Name = "Bakgrunn" });
        // Fill types through the browser's input path, which keeps to maxlength like a paste does.
        // 20,000 characters through one input event: under a loaded CI machine the browser needed more than the
        // default 15 s (one fresh-clone run), so the fill gets a minute; what it waits for is still the state.
        await background.FillAsync(pasted, new() { Timeout = 60_000 });
        await Expect(background).ToHaveValueAsync(kept);
        await Expect(page.GetByTestId("text-count").First).ToContainTextAsync("20 000 / 20 000 tegn");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Alle endringer er lagret" })).ToBeVisibleAsync();
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "longtext-editor.png") });
            await page.GetByTestId("text-count").First.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "longtext-count.png") });
        }

        // The circuit is still live: a small edit after the long text saves too.
        // The preview is rendered by the server, so once it shows the edit the server has it (and the state said so).
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Vurdering" }).FillAsync("Kretsen er **levende**.");
        await Expect(page.Locator(".preview strong").Filter(new() { HasText = "levende" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Alle endringer er lagret" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/saker/[0-9a-f-]{36}/rediger$"));

        // What the page said was saved is exactly what a reload shows.
        await AppServer.GotoLiveAsync(page, new Uri(page.Url).PathAndQuery);
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Tittel" })).ToHaveValueAsync(title);
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Vurdering" })).ToHaveValueAsync("Kretsen er **levende**.");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Bakgrunn" })).ToHaveValueAsync(kept);
        await Expect(page.GetByTestId("text-count").First).ToContainTextAsync("20 000 / 20 000 tegn");
    }
}
