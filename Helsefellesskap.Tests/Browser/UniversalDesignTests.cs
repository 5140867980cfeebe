using Helsefellesskap.App.Shared.Localization;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// What an audit by keyboard and by eye finds and axe-core does not: where the skip link takes focus, whether focus is
/// visible on every control, whether MudBlazor's own labels are Norwegian, and the accessibility statement.
/// </summary>
public class UniversalDesignTests(AppServer app)
{
    [Fact]
    public async Task The_skip_link_moves_focus_to_the_main_content_and_stays_on_the_page()
    {
        var page = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoSettledAsync(page, "/saker");

        // The link is the first thing on the page; shown when it has focus.
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Hopp til innholdet" });
        await skip.FocusAsync();
        await Expect(skip).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main#innhold")).ToBeFocusedAsync();
        Assert.EndsWith("/saker", page.Url);
        // The next Tab goes to the first control inside the content, not back to the menu.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('innhold').contains(document.activeElement)"));
        await page.Context.CloseWithinAsync();
    }

    [Theory]
    [InlineData("/saker")]
    [InlineData("/moter/ny")]
    [InlineData("/oppfolging")]
    [InlineData("/saker/ny")]
    public async Task Every_focusable_element_shows_a_focus_ring_of_at_least_3_to_1(string path)
    {
        var page = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoSettledAsync(page, path);
        await page.Locator("main#innhold").FocusAsync();

        var failures = new List<string>();
        var seen = 0;
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var result = await page.EvaluateAsync<string?>(FocusRingScript);
            if (result == "outside") break;
            seen++;
            if (result is not null) failures.Add(result);
            if (i is 3 or 8) await Shot(page, $"focus{path.Replace('/', '-')}-{i}");
        }
        Assert.True(seen > 3, $"Tab reached only {seen} controls on {path}.");
        Assert.True(failures.Count == 0, $"Controls on {path} without a visible focus ring of 3:1:\n" + string.Join("\n", failures));
        await page.Context.CloseWithinAsync();
    }

    [Theory]
    [InlineData("/saker")]
    [InlineData("/moter/ny")]
    [InlineData("/oppfolging")]
    [InlineData("/admin/brukere")]
    public async Task MudBlazors_own_labels_are_Norwegian(string path)
    {
        var page = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(page, path);
        await page.Locator("main#innhold").WaitForAsync();

        var english = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[aria-label],[title]')]
                .map(e => e.getAttribute('aria-label') ?? e.getAttribute('title'))
                .filter(t => ['Clear', 'Increment', 'Decrement', 'Close', 'Open', 'Select all', 'Next Page', 'Previous Page'].includes(t))
            """);
        Assert.Empty(english);
        Assert.Equal("Tøm feltet", NorwegianMudLocalizer.Labels["MudInput_Clear"]);
        await page.Context.CloseWithinAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Every_page_links_to_the_accessibility_statement_in_its_footer(int width)
    {
        var page = await app.NewPageAsync(width);
        // A link clicked before the page is live can be lost in the hand-over; a person waits for the page too.
        await AppServer.GotoLiveAsync(page, "/offentlig");

        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Tilgjengelighetserklæring" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tilgjengelighetserklæring");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tilbakemelding og kontakt" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "uutilsynet.no" })).ToBeVisibleAsync();
        await Shot(page, $"accessibility-statement-{width}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task Changing_the_password_is_within_reach_on_a_phone()
    {
        var page = await app.SignedInPageAsync("hilde.moen", width: 375);
        await AppServer.GotoLiveAsync(page, "/oversikt");

        var link = page.GetByRole(AriaRole.Link, new() { Name = "Bytt passord" }).Filter(new() { Visible = true });
        if (await link.CountAsync() == 0)
            await page.GetByRole(AriaRole.Button, new() { Name = "Meny" }).ClickAsync();
        await link.First.ClickAsync();

        await page.WaitForURLAsync("**/Account/Manage/ChangePassword");
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task On_a_phone_the_menu_opens_over_the_page_from_its_button_and_Escape_closes_it()
    {
        var page = await app.SignedInPageAsync("kjersti.haug", width: 375);
        await AppServer.GotoLiveAsync(page, "/moter");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Meny" });
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmeny" });
        var meetings = menu.GetByRole(AriaRole.Link, new() { Name = "Saker", Exact = true });
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(meetings).Not.ToBeVisibleAsync();
        await Shot(page, "menu-375-closed");

        // Keyboard: Tab reaches the button, Enter opens the menu, and Tab goes on into it.
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(meetings).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await Shot(page, "menu-375-open");
        for (var i = 0; i < 10 && !await page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('#hovedmeny')"); i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('#hovedmeny')"), "Tab never reached the open menu.");

        // Escape closes it and puts focus back on the button.
        await page.Keyboard.PressAsync("Escape");
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(meetings).Not.ToBeVisibleAsync();
        await Expect(button).ToBeFocusedAsync();

        // A link chosen in the menu closes it too.
        await button.ClickAsync();
        await meetings.ClickAsync();
        await page.WaitForURLAsync("**/saker");
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task On_a_wide_screen_the_menu_stands_beside_the_content_without_a_menu_button()
    {
        var page = await app.SignedInPageAsync("kjersti.haug", width: 1280);
        await AppServer.GotoLiveAsync(page, "/moter");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmeny" }).GetByRole(AriaRole.Link, new() { Name = "Saker", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Meny" })).Not.ToBeVisibleAsync();
        await Shot(page, "menu-1280");
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task Every_stylesheet_and_script_is_served_compressed_for_a_slow_line()
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
            { BaseAddress = new Uri(app.BaseUrl) };
        var html = await http.GetStringAsync("/");
        var assets = System.Text.RegularExpressions.Regex.Matches(html, "(?:href|src)=\"([^\"]+\\.(?:css|js))\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(assets, a => a.Contains("MudBlazor.min") && a.EndsWith(".css"));

        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + asset.TrimStart('/'));
            request.Headers.AcceptEncoding.ParseAdd("gzip, br");
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, asset);
            Assert.True(response.Content.Headers.ContentEncoding.Count > 0, $"{asset} is served uncompressed.");
        }
    }

    private static async Task Shot(IPage page, string name)
    {
        // Set HF_SCREENSHOTS to a folder to keep screenshots of the pages for a look by eye.
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Null when the focused control (or, for MudBlazor's radios, checkboxes and fields, the visible control around its
    /// hidden input) has a solid outline of 2 px or more whose colour reaches 3:1 against white; "outside" when focus
    /// left the main content; otherwise a description of the control.
    /// </summary>
    private const string FocusRingScript = """
        () => {
            const el = document.activeElement;
            if (!el || !document.getElementById('innhold').contains(el)) return 'outside';
            const candidates = [el,
                el.closest('.mud-input'),
                el.closest('.mud-radio, .mud-checkbox')?.querySelector('.mud-icon-button'),
                el.closest('.mud-switch')?.querySelector('.mud-switch-span')].filter(Boolean);
            const luminance = rgb => {
                const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const ok = candidates.some(c => {
                const s = getComputedStyle(c);
                if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2) return false;
                const rgb = (s.outlineColor.match(/\d+(\.\d+)?/g) || []).slice(0, 3).map(Number);
                if (rgb.length < 3) return false;
                return (1.05) / (luminance(rgb) + 0.05) >= 3;
            });
            return ok ? null : `${el.tagName.toLowerCase()}.${el.className} in ${el.parentElement?.className} "${(el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 40)}"`;
        }
        """;
}
