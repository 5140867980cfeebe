using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Audit;
using Helsefellesskap.App.Features.Audit;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Audit;

/// <summary>The chain's key: outside the database, made once, and the switch from unkeyed records to keyed ones.</summary>
public sealed class KeyedChainSpecs
{
    private static IConfiguration KeyFileAt(string file) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AuditKey.KeyFileSetting] = file }).Build();

    [Fact]
    public void The_key_file_is_made_on_first_start_readable_by_its_owner_only_and_then_kept()
    {
        var folder = Directory.CreateTempSubdirectory("helsefellesskap-key").FullName;
        var file = Path.Combine(folder, "keys", "audit-chain.key");

        var made = AuditKey.Load(KeyFileAt(file), folder, create: true)!;
        var again = AuditKey.Load(KeyFileAt(file), folder, create: true)!;

        Assert.Matches("^[0-9a-f]{64}$", File.ReadAllText(file).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(made.Id, again.Id);
        Assert.Equal(32, made.Bytes.Length);
        // An auditor's check never makes a key: without one it says so instead.
        Assert.Null(AuditKey.Load(KeyFileAt(Path.Combine(folder, "ingen.key")), folder, create: false));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Records_written_before_the_key_keep_their_hashes_and_the_chain_is_keyed_from_the_marker_on()
    {
        var path = TestServices.NewDatabasePath();
        // The app as it was before the key: the demo seeding writes unkeyed records.
        await using (var unkeyed = TestServices.Build(path, s => s.AddSingleton<AuditKey>(_ => null!)))
            await unkeyed.MigrateAndSeedAsync();
        List<AuditRecord> old;
        await using (var services = TestServices.Build(path))
        {
            var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using (var db = factory.CreateDbContext())
            {
                old = await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync();
                // The first save after the upgrade: a person's name, saved by the system.
                var person = await db.People.FirstAsync();
                db.Entry(person).Property(nameof(person.Name)).CurrentValue = person.Name + " ";
                await db.SaveChangesAsync();
            }
            var key = services.GetRequiredService<AuditKey>();
            await using (var db = factory.CreateDbContext())
            {
                var now = await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync();
                Assert.Equal(old.Select(r => r.Hash), now.Take(old.Count).Select(r => r.Hash));
                Assert.All(now.Take(old.Count), r => Assert.Equal(r.ComputeHash(), r.Hash));
                var marker = now[old.Count];
                Assert.Equal(AuditTrail.KeyMarkerType, marker.EntityType);
                Assert.Equal(key.Id, marker.EntityId);
                Assert.All(now.Skip(old.Count), r => Assert.Equal(r.ComputeHash(key.Bytes), r.Hash));
                Assert.Equal(now[old.Count - 1].Hash, marker.PreviousHash);
            }
            var verification = await new RecordVerifier(ct => factory.CreateDbContextAsync(ct), key, []).VerifyAsync();
            Assert.True(verification.Holds, string.Join("\n", verification.Lines));
        }
        TestServices.DeleteDatabase(path);
    }
}
