using Helsefellesskap.App.Data;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Helsefellesskap.Tests.Data;

/// <summary>The keys that protect sign-in cookies live in the database, so every app server on it reads the same keys.</summary>
public class DataProtectionKeySpecs(DemoDatabaseTemplate template)
{
    /// <summary>One app server's Data Protection as Program.cs sets it up, on the test's database.</summary>
    private static ServiceProvider Server(string database) => TestServices.Build(database, services =>
    {
        services.RemoveAll<IDataProtectionProvider>();
        DatabaseKeyRepository.AddTo(services);
    });

    [Fact]
    public async Task What_one_server_protects_another_server_on_the_same_database_unprotects_and_the_key_is_a_row_in_the_database()
    {
        await using var database = template.Copy();
        await using var first = Server(database.Path);
        await using var second = Server(database.Path);

        var cookie = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("Identity.Application").Protect("hilde.moen");

        Assert.Equal("hilde.moen", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("Identity.Application").Unprotect(cookie));
        await using var db = database.NewContext();
        var key = Assert.Single(await db.DataProtectionKeys.ToListAsync());
        Assert.StartsWith("<key ", key.Xml);
    }
}
