using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>The annual report in a real browser: its figures on screen, and the Word and CSV files a member downloads.</summary>
public class AnnualReportBrowserTests(AppServer app)
{
    private static readonly string[] SsuDecisions =
    [
        "Felles prosedyre for utskrivningsklare pasienter", "Årsrapport 2025 for Helsefellesskap Innlandet",
        "Pasientforløp for personer med kols i Innlandet", "Felles kompetanseplan for sykepleiere og helsefagarbeidere",
        "Etablering av fagutvalg for psykisk helse barn og unge (pilot)",
    ];

    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private async Task<IPage> ReportPageAsync(int width = 1280)
    {
        var page = await app.SignedInPageAsync("hilde.moen", width);
        await AppServer.GotoLiveAsync(page, "/arsrapport");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nøkkeltall for SSU 2026" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Årsrapport (Word)" })).ToBeEnabledAsync();
        return page;
    }

    [Fact]
    public async Task A_member_downloads_the_annual_report_as_Word_and_finds_every_decision_of_the_year_in_it()
    {
        var page = await ReportPageAsync();
        await Expect(page.GetByText("Møter holdt")).ToBeVisibleAsync();
        foreach (var title in SsuDecisions)
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToBeVisibleAsync();
        await Shot(page, "arsrapport-desktop");

        // A slow server: the page says the file is being made until it arrives.
        await page.RouteAsync("**/arsrapport/ssu/2026/word", async route => { await Task.Delay(1500); await route.ContinueAsync(); });
        var downloading = page.WaitForDownloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Årsrapport (Word)" }).ClickAsync();
        var progress = page.GetByRole(AriaRole.Progressbar, new() { Name = "Filen lages" });
        await Expect(progress).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Lager filen" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Årsrapport (Word)" })).ToBeDisabledAsync();
        await Shot(page, "arsrapport-lager-fil");
        var download = await downloading;
        await Expect(progress).ToHaveCountAsync(0);

        Assert.Equal("Årsrapport SSU 2026.docx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"arsrapport-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        try
        {
            using var document = WordprocessingDocument.Open(path, false);
            var text = document.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("Årsrapport 2026", text);
            Assert.Contains("Strategisk samarbeidsutvalg (SSU)", text);
            Assert.All(SsuDecisions, title => Assert.Contains(title, text));
        }
        finally { File.Delete(path); }
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_decisions_download_as_CSV_that_Excel_in_Norway_opens()
    {
        var page = await ReportPageAsync();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Vedtakene (CSV)" }).ClickAsync());

        Assert.Equal("Vedtak SSU 2026.csv", download.SuggestedFilename);
        await using var stream = await download.CreateReadStreamAsync();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Saksnummer;Tittel;Møtedato;Utfall;Prinsipiell;Vedtak", lines[0]);
        Assert.All(SsuDecisions, title => Assert.Contains(lines, l => l.Split(';')[1] == title));
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_report_works_on_a_phone_and_follows_the_chosen_body_and_year()
    {
        var page = await ReportPageAsync(width: 375);
        await Shot(page, "arsrapport-375");

        await page.GetByLabel("Utvalg").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Partnerskapsmøtet" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nøkkeltall for PM 2026" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Helsefellesskapets prioriteringer for 2027" })).ToBeVisibleAsync();
        Assert.Contains("utvalg=pm", page.Url);
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_files_require_signing_in()
    {
        var page = await app.NewPageAsync();

        var response = await page.APIRequest.GetAsync("/arsrapport/ssu/2026/word", new() { MaxRedirects = 0 });

        Assert.Equal(302, response.Status);
        Assert.Contains("/Account/Login", response.Headers["location"]);
        await page.Context.CloseWithinAsync();
    }
}
