using System.Text.Json;

namespace MeetingLiveBench;

/// <summary>Reads a Chromium trace (events in the trace event format) for the bench's summaries.</summary>
public static class Trace
{
    /// <summary>
    /// Self time (an event's duration less that of the events nested in it on its thread), milliseconds, summed by
    /// event name over every thread with the given name, largest first. Complete events ("X") only.
    /// </summary>
    /// <param name="chunks">JSON arrays of trace events, as the DevTools protocol's Tracing.dataCollected hands them over.</param>
    public static List<(string Name, double Ms)> SelfTimeByName(IEnumerable<string> chunks, string threadName)
    {
        var events = chunks.SelectMany(c => JsonDocument.Parse(c).RootElement.EnumerateArray()).ToList();
        var threads = new HashSet<(int, int)>();
        var complete = new List<(int Pid, int Tid, double Ts, double Dur, string Name)>();
        foreach (var e in events)
        {
            var ph = e.GetProperty("ph").GetString();
            if (!e.TryGetProperty("pid", out var pid) || !e.TryGetProperty("tid", out var tid)) continue;
            if (ph == "M" && e.GetProperty("name").GetString() == "thread_name"
                && e.GetProperty("args").GetProperty("name").GetString() == threadName)
                threads.Add((pid.GetInt32(), tid.GetInt32()));
            else if (ph == "X" && e.TryGetProperty("dur", out var dur))
                complete.Add((pid.GetInt32(), tid.GetInt32(), e.GetProperty("ts").GetDouble(), dur.GetDouble(), e.GetProperty("name").GetString()!));
        }
        var self = new Dictionary<string, double>();
        foreach (var thread in complete.Where(e => threads.Contains((e.Pid, e.Tid))).GroupBy(e => (e.Pid, e.Tid)))
        {
            // Outer events first: by start, then the longer one. A stack of the open events gives each its parent.
            var open = new Stack<(double End, string Name)>();
            foreach (var e in thread.OrderBy(e => e.Ts).ThenByDescending(e => e.Dur))
            {
                while (open.Count > 0 && open.Peek().End <= e.Ts) open.Pop();
                if (open.Count > 0) self[open.Peek().Name] = self.GetValueOrDefault(open.Peek().Name) - Math.Min(e.Dur, open.Peek().End - e.Ts) / 1000;
                self[e.Name] = self.GetValueOrDefault(e.Name) + e.Dur / 1000;
                open.Push((e.Ts + e.Dur, e.Name));
            }
        }
        return self.Select(kv => (kv.Key, kv.Value)).OrderByDescending(x => x.Value).ToList();
    }
}
