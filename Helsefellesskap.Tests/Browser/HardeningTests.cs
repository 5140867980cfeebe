using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

public class HardeningTests(AppServer app)
{
    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/Account/Login");
        var headers = await response!.AllHeadersAsync();

        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.Contains("script-src 'self'", headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("same-origin", headers["referrer-policy"]);
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_pages_work_under_the_content_security_policy_without_violations()
    {
        var page = await app.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) violations.Add(message.Text); };
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Brukernavn").FillAsync("mari.hovde");
        await page.GetByLabel("Passord", new() { Exact = true }).FillAsync("Innlandet-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Oversikt");
        await AppServer.WhenLiveAsync(page);

        foreach (var link in new[] { "Saker", "Forberedelse", "Vedtak", "Møter", "Utvalg" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(link);
        }
        await page.GotoAsync("/saker/ny");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Tittel" })).ToBeVisibleAsync();

        Assert.Empty(violations);
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_sign_in_form_refuses_a_post_without_its_antiforgery_token()
    {
        var page = await app.NewPageAsync();
        var response = await page.APIRequest.PostAsync("/Account/Login", new()
        {
            Form = page.APIRequest.CreateFormData().Append("Input.UserName", "mari.hovde").Append("Input.Password", "Innlandet-2026").Append("_handler", "login"),
        });

        Assert.Equal(400, response.Status);
        await page.Context.CloseWithinAsync();
    }
}
