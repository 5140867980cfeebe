using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.ExternalSignIn;

/// <summary>
/// Password sign-in, on for the demo and as a fallback. An administrator may switch it off for everyone else once the
/// organisations' providers are in use; administrators keep it, so no setting can lock out the one who changes it.
/// </summary>
public sealed class LocalSignIn(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, Actors actors)
{
    public async Task<bool> IsOffAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Set<SignInSettings>().AsNoTracking().AnyAsync(s => s.LocalSignInOff);
    }

    public Task SwitchAsync(bool off) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        (await actors.CurrentAsync(db)).MustSwitchLocalSignIn();
        var settings = await db.Set<SignInSettings>().SingleOrDefaultAsync();
        if (settings is null) db.Set<SignInSettings>().Add(settings = new SignInSettings());
        settings.LocalSignInOff = off;
        db.AuditAction = off ? "Innlogging med passord slått av (unntatt administratorer)" : "Innlogging med passord slått på";
        await db.SaveChangesAsync();
        return true;
    });
}
