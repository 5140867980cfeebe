using Helsefellesskap.App.Data;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Data;

/// <summary>What a start does to the database beyond migrations, and that it does it only when needed.</summary>
public sealed class DatabaseSetupSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private async Task<int> TreatmentsWithoutNextStepBodyAsync()
    {
        await using var db = Database.NewContext();
        return await db.Database.SqlQueryRaw<int>(
            """SELECT COUNT(*) AS "Value" FROM "Treatments" WHERE "ClosedAt" IS NOT NULL AND "NextStep" IS NOT NULL AND "NextStepBodyId" IS NULL""").SingleAsync();
    }

    [Fact]
    public async Task Start_up_runs_the_backfills_once_per_setup_version_not_at_every_start()
    {
        // As an older database has it: a treatment closed without consensus before the next step named its body.
        await using (var db = Database.NewContext())
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Treatments" SET "NextStepBodyId" = NULL WHERE "NextStep" IS NOT NULL""");
        Assert.Equal(1, await TreatmentsWithoutNextStepBodyAsync());

        // This database has had this version's backfills (at its creation): a start leaves it as it is.
        await Database.Services.MigrateAndSeedAsync();
        Assert.Equal(1, await TreatmentsWithoutNextStepBodyAsync());

        // A database that has not had them: the start runs them and records the version.
        await using (var db = Database.NewContext())
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AppSettings" SET "Value" = '0' WHERE "Key" = {0}""", DatabaseSetup.SetupVersionSetting);
        await Database.Services.MigrateAndSeedAsync();
        Assert.Equal(0, await TreatmentsWithoutNextStepBodyAsync());
        await using (var db = Database.NewContext())
            Assert.Equal(DatabaseSetup.SetupVersion, await AppSetting.ReadAsync(db, DatabaseSetup.SetupVersionSetting));
    }

    [Fact]
    public async Task The_demo_users_share_one_hash_of_the_public_demo_password_and_sign_in_with_it()
    {
        await using var db = Database.NewContext();
        var hashes = await db.Users.Select(u => u.PasswordHash).Distinct().ToListAsync();
        var hash = Assert.Single(hashes);

        var hasher = Service<Microsoft.AspNetCore.Identity.IPasswordHasher<ApplicationUser>>();
        var user = await db.Users.SingleAsync(u => u.UserName == "torstein.vik");
        Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed,
            hasher.VerifyHashedPassword(user, hash!, App.Data.Seeding.DemoSeeder.DemoPassword));
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed,
            hasher.VerifyHashedPassword(user, hash!, "Innlandet-2025"));
    }
}
