using Bunit;
using Helsefellesskap.App.Features.Administration;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Administration;

/// <summary>The leave to record ratification on a user's page: the administrator's, not the secretariat's.</summary>
public sealed class UserPageLeaveTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    [Fact]
    public void The_administrator_sees_a_person_s_leave_to_record_ratification_on_their_user_page()
    {
        string userId;
        using (var db = Database.NewContext()) userId = db.Users.Single(u => u.UserName == "kd.gran").Id;
        SignIn("admin");

        var page = Render<UserPage>(p => p.Add(x => x.UserId, userId));

        page.WaitForAssertion(() => Assert.Contains("Kan registrere forankring for Gran", page.Markup));
        Assert.NotNull(page.Find("h2#forankring"));
    }

    [Fact]
    public void The_secretariat_does_not_see_the_leave_to_record_ratification_which_is_the_administrator_s()
    {
        string userId;
        using (var db = Database.NewContext()) userId = db.Users.Single(u => u.UserName == "kd.gran").Id;
        SignIn("mari.hovde");

        var page = Render<UserPage>(p => p.Add(x => x.UserId, userId));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h2#verv")));
        Assert.Empty(page.FindAll("h2#forankring"));
    }
}
