using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Audit;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Helsefellesskap.Tests.Audit;

/// <summary>The head leaves the database daily: the hosted service on the app's clock.</summary>
public sealed class DailyCheckpointSpecs(DemoDatabaseTemplate template) : IAsyncDisposable
{
    private readonly TestDatabase database = template.Copy();

    /// <summary>A clock that moves only when told, firing the timers that fall due.</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private readonly List<(DateTimeOffset Due, TimerCallback Callback, object? State)> timers = [];
        public DateTimeOffset Now { get; private set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;

        public int Waiting { get { lock (timers) return timers.Count; } }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (timers) timers.Add((Now + dueTime, callback, state));
            return new NoTimer();
        }

        public void Advance(TimeSpan by)
        {
            Now += by;
            List<(DateTimeOffset Due, TimerCallback Callback, object? State)> due;
            lock (timers)
            {
                due = timers.Where(t => t.Due <= Now).ToList();
                timers.RemoveAll(t => t.Due <= Now);
            }
            foreach (var t in due) t.Callback(t.State);
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task The_head_is_appended_to_the_checkpoint_file_at_start_and_again_each_day()
    {
        var clock = new ManualClock(FixedClock.DemoNow);
        var checkpoints = database.Services.GetRequiredService<AuditCheckpoints>();
        var service = new DailyAuditCheckpoint(checkpoints, database.Factory, clock, NullLogger<DailyAuditCheckpoint>.Instance);
        AuditHead head;
        await using (var db = database.NewContext()) head = (await AuditHead.ReadAsync(db))!;

        await service.StartAsync(TestContext.Current.CancellationToken);
        // Waits for the state (the line written and the next day's timer set), not for a time.
        Assert.True(SpinWait.SpinUntil(() => clock.Waiting == 1, TimeSpan.FromSeconds(30)));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(SpinWait.SpinUntil(() => clock.Waiting == 1 && File.ReadAllLines(checkpoints.File).Length == 2, TimeSpan.FromSeconds(30)));
        await service.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal([$"{head.Sequence} {head.Hash} 2026-11-22T09:00:00Z daglig", $"{head.Sequence} {head.Hash} 2026-11-23T09:00:00Z daglig"],
            File.ReadAllLines(checkpoints.File));
    }

    public async ValueTask DisposeAsync()
    {
        var file = database.Services.GetRequiredService<AuditCheckpoints>().File;
        await database.DisposeAsync();
        File.Delete(file);
    }
}
