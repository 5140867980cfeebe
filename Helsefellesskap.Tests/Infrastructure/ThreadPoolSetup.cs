namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>
/// bUnit's synchronous waits block a pool thread each while browser tests run beside them on two cores; with the
/// pool's default minimum, a renderer's dispatcher then waited for a thread past the wait's timeout (bUnit's own advice).
/// </summary>
internal static class ThreadPoolSetup
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void RaiseMinThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 8), io);
    }
}
