using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helsefellesskap.App.Data;

/// <summary>A fact the app keeps about its own database, by name (which version of the status rules it last applied).</summary>
public sealed class AppSetting
{
    public AppSetting(string key, string value) => (Key, Value) = (key, value);

    public string Key { get; private set; }
    public string Value { get; set; }

    /// <summary>
    /// The setting's value, or null. Plain SQL: at start-up (<see cref="DatabaseSetup.MigrateAndSeedAsync"/>) it is all
    /// the app reads before it serves, and a LINQ query would first build EF's query pipeline (about 0.3 s of CPU),
    /// which the first request that needs it pays instead.
    /// </summary>
    public static async Task<string?> ReadAsync(AppDbContext db, string key, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """SELECT "Value" FROM "AppSettings" WHERE "Key" = @key""";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@key";
            parameter.Value = key;
            command.Parameters.Add(parameter);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Sets the setting (not audited: the app's own bookkeeping, see <c>AuditTrail.IsAudited</c>).</summary>
    public static async Task<int> WriteAsync(IDbContextFactory<AppDbContext> dbFactory, string key, string value,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var setting = await db.AppSettings.FindAsync([key], cancellationToken);
        if (setting is null) db.AppSettings.Add(new AppSetting(key, value));
        else setting.Value = value;
        return await db.SaveChangesAsync(cancellationToken);
    }
}

public sealed class AppSettingConfiguration : IEntityTypeConfiguration<AppSetting>
{
    public void Configure(EntityTypeBuilder<AppSetting> b)
    {
        b.ToTable("AppSettings");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Value).HasMaxLength(400);
    }
}
