using AngleSharp.Dom;
using Bunit;
using Helsefellesskap.App.Features.Administration;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Administration;

/// <summary>The user administration pages rendered live by bUnit on the app's services and a seeded SQLite copy.</summary>
public sealed class UserAdministrationPageTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    private static IElement Field(IRenderedComponent<NewUserPage> page, string label) =>
        page.FindAll("label").Single(l => l.TextContent.TrimEnd('*') == label).ParentElement!.QuerySelector("input")!;

    private static IElement Row<T>(IRenderedComponent<T> page, string name) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll("tbody tr").Single(r => r.QuerySelector("a")?.TextContent == name);

    private IRenderedComponent<UsersPage> OpenUsers()
    {
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr")));
        return page;
    }

    [Fact]
    public void The_users_page_lists_each_user_with_title_user_name_current_seats_and_status()
    {
        SignIn("mari.hovde");
        var page = OpenUsers();

        using (var db = Database.NewContext())
            Assert.Equal($"{db.Users.Count()} brukere", page.Find("[role=status]").TextContent);
        var row = Row(page, "Per Olav Nes").TextContent;
        Assert.Contains("fastlegerepresentant, Brumunddal legesenter", row);
        Assert.Contains("perolav.nes", row);
        Assert.Contains("Nestleder i AU", row);
        Assert.Contains("Deltaker i SSU", row);
        Assert.Contains("Aktiv", row);
        Assert.Equal("/admin/brukere/" + UserId("perolav.nes"), Row(page, "Per Olav Nes").QuerySelector("a")!.GetAttribute("href"));
        // No action on one's own row: nobody deactivates themself.
        Assert.Empty(Row(page, "Mari Hovde").QuerySelectorAll("button"));
    }

    [Fact]
    public void Searching_by_name_narrows_the_list_and_a_deactivated_user_shows_as_deactivated()
    {
        SignIn("admin");
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = OpenUsers();

        page.Find("input[type=text]").Input("hilde");
        // At least 3 s (the search is debounced); on PostgreSQL the longer wait of BunitWaits.
        page.WaitForAssertion(() => Assert.Equal("1 bruker", page.Find("[role=status]").TextContent),
            Bunit.BunitContext.DefaultWaitTimeout > TimeSpan.FromSeconds(3) ? Bunit.BunitContext.DefaultWaitTimeout : TimeSpan.FromSeconds(3));
        page.Find("button[aria-label='Deaktiver Hilde Moen']").Click();
        // Deactivating asks first, naming who; "Avbryt" leaves the user as they were.
        dialogs.WaitForAssertion(() => Assert.Contains("Deaktivere Hilde Moen?", dialogs.Markup));
        dialogs.Find("[data-testid=confirm-cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Deaktivere Hilde Moen?", dialogs.Markup));
        Assert.DoesNotContain("Deaktivert", Row(page, "Hilde Moen").TextContent);
        page.Find("button[aria-label='Deaktiver Hilde Moen']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=confirm-yes]").Click());

        page.WaitForAssertion(() => Assert.Contains("Deaktivert", Row(page, "Hilde Moen").TextContent));
        Assert.NotNull(Row(page, "Hilde Moen").QuerySelector("button[aria-label='Aktiver Hilde Moen']"));
        using var db = Database.NewContext();
        Assert.True(db.Users.Single(u => u.UserName == "hilde.moen").IsDeactivated);
    }

    [Fact]
    public void Someone_who_may_not_administer_is_told_so_and_sees_no_users()
    {
        SignIn("hilde.moen");
        var page = Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains("Du har ikke tilgang til brukeradministrasjonen.", page.Markup));
        Assert.Empty(page.FindAll("table"));
        Assert.DoesNotContain("perolav.nes", page.Markup);
    }

    [Fact]
    public void A_weak_password_is_refused_in_Norwegian_and_what_was_typed_is_kept()
    {
        SignIn("geir.lien");
        var page = Render<NewUserPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("form")));

        Field(page, "Navn").Input("Kari Nordmann");
        Field(page, "Tittel").Input("kommunalsjef, Vang kommune");
        Field(page, "Brukernavn").Input("kari.nordmann");
        Field(page, "Startpassord").Input("kortpassord");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Brukeren er ikke opprettet. Se meldingen under «Startpassord».", page.Find("[role=alert]").TextContent.Trim()));
        Assert.Contains("Passordet må ha minst ett spesialtegn.", page.Markup);
        Assert.Equal("Kari Nordmann", Field(page, "Navn").GetAttribute("value"));
        Assert.Equal("kari.nordmann", Field(page, "Brukernavn").GetAttribute("value"));
        using var db = Database.NewContext();
        Assert.False(db.Users.Any(u => u.UserName == "kari.nordmann"));
        Assert.False(db.People.Any(p => p.Name == "Kari Nordmann"));
    }

    private string UserId(string userName)
    {
        using var db = Database.NewContext();
        return db.Users.AsNoTracking().Single(u => u.UserName == userName).Id;
    }
}
