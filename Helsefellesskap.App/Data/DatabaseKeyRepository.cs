using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data;

/// <summary>
/// Data Protection's keys in the database's <c>DataProtectionKeys</c> table, as EF's <c>PersistKeysToDbContext</c> keeps
/// them, but read with plain SQL: Data Protection reads its keys while the app starts, and EF's LINQ read compiled EF's
/// query pipeline there, a quarter of a second on the way to the first answer (bench/README.md, cold start).
/// A new key is saved through the context, as EF's repository does.
/// </summary>
public sealed class DatabaseKeyRepository(IServiceProvider services, ILogger<DatabaseKeyRepository> logger) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keys = new List<XElement>();
        db.Database.OpenConnection();
        try
        {
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """SELECT "FriendlyName", "Xml" FROM "DataProtectionKeys" ORDER BY "Id" """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.IsDBNull(1) || reader.GetString(1) is not { Length: > 0 } xml)
                {
                    logger.LogWarning("Nøkkelen {Name} i DataProtectionKeys er tom og blir ikke brukt.", reader.IsDBNull(0) ? "" : reader.GetString(0));
                    continue;
                }
                keys.Add(XElement.Parse(xml));
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
        return keys.AsReadOnly();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }

    /// <summary>Data Protection for every app server on the database: one application name, the keys in this repository.</summary>
    public static IDataProtectionBuilder AddTo(IServiceCollection services)
    {
        var builder = services.AddDataProtection().SetApplicationName("Helsefellesskap");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, sp) =>
            options.XmlRepository = new DatabaseKeyRepository(sp, sp.GetRequiredService<ILogger<DatabaseKeyRepository>>()));
        return builder;
    }
}
