using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helsefellesskap.App.Data;

/// <summary>A fact the app keeps about its own database, by name (which version of the status rules it last applied).</summary>
public sealed class AppSetting
{
    public AppSetting(string key, string value) => (Key, Value) = (key, value);

    public string Key { get; private set; }
    public string Value { get; set; }
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
