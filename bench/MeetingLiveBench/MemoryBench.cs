using Microsoft.Playwright;

namespace MeetingLiveBench;

/// <summary>
/// Managed heap per meeting-room circuit: one signed-in browser context opens N rooms (N pages, N circuits), the
/// heap is measured after a full blocking GC, then every page goes to about:blank (Blazor ends the circuit) and
/// the heap is measured again once the server counts the circuits closed. The difference over N is what one
/// circuit holds; the browser's own .NET objects (Playwright's page and frame) stay in both measurements.
/// </summary>
public static class MemoryBench
{
    public sealed record Result(string Site, int Rooms, double PerCircuitKiB, double WithClientKiB, bool AllClosed);

    /// <param name="gcdump">A folder: write a heap dump (dotnet-gcdump, from the PATH) with the rooms open and one after they closed.</param>
    public static async Task<Result> RunAsync(BrowserBench screens, int rooms, string? gcdump = null)
    {
        var target = screens.Target;
        var context = await screens.NewContextAsync(BrowserBench.Clicker);
        var before = target.Circuits.Open;
        var empty = Heap();
        var pages = new List<IPage>();
        for (var i = 0; i < rooms; i++) pages.Add(await screens.OpenRoomAsync(context));
        if (!await target.Circuits.WaitForAsync(before + rooms))
            throw new InvalidOperationException($"{target.Name}: {rooms} rooms opened, but the server counts {target.Circuits.Open - before} new circuits.");
        // Let the first renders' follow-ups (the secretariat's lists, focus calls) settle.
        await Task.Delay(1000);
        var open = Heap();
        if (gcdump is not null) await DumpAsync(gcdump, $"{target.Name}-{rooms}-open");
        foreach (var page in pages) await page.GotoAsync("about:blank");
        var closed = await target.Circuits.WaitForAsync(before);
        var after = Heap();
        if (gcdump is not null) await DumpAsync(gcdump, $"{target.Name}-{rooms}-closed");
        await context.CloseAsync();
        return new Result(target.Name, rooms, (open - after) / 1024.0 / rooms, (open - empty) / 1024.0 / rooms, closed);
    }

    private static async Task DumpAsync(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var file = System.IO.Path.Combine(folder, $"{name}-{DateTime.UtcNow:HHmmss}.gcdump");
        using var tool = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet-gcdump",
            ["collect", "-p", Environment.ProcessId.ToString(), "-o", file]) { RedirectStandardOutput = true })!;
        await tool.StandardOutput.ReadToEndAsync();
        await tool.WaitForExitAsync();
        Console.WriteLine($"  heap dump: {file}");
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
