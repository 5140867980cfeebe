using Helsefellesskap.App.Data;
using Helsefellesskap.App.Shared;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Shared;

public sealed class PartnershipNameSpecs(DemoDatabaseTemplate template)
{
    private static IConfiguration Configured(string name) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Partnership:Name"] = name }).Build();

    [Fact]
    public async Task The_partnership_s_name_is_the_partnership_record_s_before_any_configured_name()
    {
        await using var database = template.Copy();
        var name = new PartnershipName(database.Factory, Configured("Helsefellesskap Et annet sted"));
        Assert.Equal("Helsefellesskap Innlandet", name.Value);
    }

    [Fact]
    public async Task Without_a_partnership_record_the_name_is_the_configured_one()
    {
        var path = TestServices.NewDatabasePath();
        await using var services = TestServices.Build(path);
        await using (var db = services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext())
            await db.Database.MigrateAsync();

        var name = new PartnershipName(services.GetRequiredService<IDbContextFactory<AppDbContext>>(), Configured("Helsefellesskap Agder"));
        Assert.Equal("Helsefellesskap Agder", name.Value);
        TestServices.DeleteDatabase(path);
    }
}
