using System.Globalization;
using System.Text;

namespace Helsefellesskap.App.Features.Cases.Versions;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>
/// A run of text that is in both versions, only in the earlier one, or only in the later one. The Same and
/// Removed segments, joined in order, give the earlier text exactly; the Same and Added segments the later one.
/// </summary>
public sealed record DiffSegment(DiffKind Kind, string Text);

/// <summary>What changed between two versions of a text, word by word.</summary>
public static class WordDiff
{
    /// <summary>
    /// Above this many cells the word table would cost too much memory per comparison (a cell is two bytes),
    /// so the comparison is made line by line instead.
    /// </summary>
    private const long MaxTableCells = 4_000_000;

    public static IReadOnlyList<DiffSegment> Compare(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before == after) return before.Length == 0 ? [] : [new DiffSegment(DiffKind.Same, before)];

        var raw = Diff(Words(before), Words(after))
            ?? Diff(Lines(before), Lines(after))
            ?? [new(DiffKind.Removed, before), new(DiffKind.Added, after)];
        return JoinChanges(Merge(raw));
    }

    /// <summary>
    /// The longest common subsequence of the two token lists, as one segment per token; null when the part
    /// that differs is too large for the table.
    /// </summary>
    private static List<DiffSegment>? Diff(List<string> a, List<string> b)
    {
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;

        var n = a.Count - prefix - suffix;
        var m = b.Count - prefix - suffix;
        if ((long)n * m > MaxTableCells) return null;

        // Compare numbers rather than strings in the table's inner loop.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var x = new int[n];
        var y = new int[m];
        for (var i = 0; i < n; i++) x[i] = Id(ids, a[prefix + i]);
        for (var j = 0; j < m; j++) y[j] = Id(ids, b[prefix + j]);

        // lcs[i, j] is the length of the longest common subsequence of x[i..] and y[j..]. It never exceeds
        // min(n, m), which is at most 2,000 when n * m is within the limit, so a ushort holds it.
        var width = m + 1;
        var lcs = new ushort[(n + 1) * width];
        for (var i = n - 1; i >= 0; i--)
        for (var j = m - 1; j >= 0; j--)
        {
            lcs[i * width + j] = x[i] == y[j]
                ? (ushort)(lcs[(i + 1) * width + j + 1] + 1)
                : Math.Max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
        }

        var segments = new List<DiffSegment>(a.Count + b.Count);
        for (var k = 0; k < prefix; k++) segments.Add(new(DiffKind.Same, a[k]));
        int p = 0, q = 0;
        while (p < n && q < m)
        {
            if (x[p] == y[q])
            {
                segments.Add(new(DiffKind.Same, a[prefix + p++]));
                q++;
            }
            else if (lcs[(p + 1) * width + q] >= lcs[p * width + q + 1]) segments.Add(new(DiffKind.Removed, a[prefix + p++]));
            else segments.Add(new(DiffKind.Added, b[prefix + q++]));
        }
        while (p < n) segments.Add(new(DiffKind.Removed, a[prefix + p++]));
        while (q < m) segments.Add(new(DiffKind.Added, b[prefix + q++]));
        for (var k = a.Count - suffix; k < a.Count; k++) segments.Add(new(DiffKind.Same, a[k]));
        return segments;
    }

    private static int Id(Dictionary<string, int> ids, string token)
    {
        if (!ids.TryGetValue(token, out var id)) ids[token] = id = ids.Count;
        return id;
    }

    private static List<DiffSegment> Merge(List<DiffSegment> segments)
    {
        var merged = new List<DiffSegment>();
        var text = new StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            text.Append(segments[i].Text);
            if (i + 1 < segments.Count && segments[i + 1].Kind == segments[i].Kind) continue;
            if (text.Length > 0) merged.Add(new(segments[i].Kind, text.ToString()));
            text.Clear();
        }
        return merged;
    }

    /// <summary>
    /// Turns a stretch of removals and additions, including the bare spaces between them, into one removed and
    /// one added segment: "<del>the cat</del><ins>a dog</ins>" reads better than a change per word with the
    /// spaces kept in between. Both texts are still reproduced exactly, since those spaces go to both sides.
    /// </summary>
    private static List<DiffSegment> JoinChanges(List<DiffSegment> segments)
    {
        var joined = new List<DiffSegment>();
        var i = 0;
        while (i < segments.Count)
        {
            if (segments[i].Kind == DiffKind.Same)
            {
                joined.Add(segments[i++]);
                continue;
            }
            // After merging, a Same segment is always followed by a change or by nothing.
            var end = i;
            while (end + 1 < segments.Count && (segments[end + 1].Kind != DiffKind.Same
                       || (string.IsNullOrWhiteSpace(segments[end + 1].Text) && end + 2 < segments.Count)))
                end++;
            var stretch = segments[i..(end + 1)];
            if (stretch.Any(s => s.Kind == DiffKind.Removed) && stretch.Any(s => s.Kind == DiffKind.Added))
            {
                joined.Add(new(DiffKind.Removed, string.Concat(stretch.Where(s => s.Kind != DiffKind.Added).Select(s => s.Text))));
                joined.Add(new(DiffKind.Added, string.Concat(stretch.Where(s => s.Kind != DiffKind.Removed).Select(s => s.Text))));
            }
            else joined.AddRange(stretch);
            i = end + 1;
        }
        return joined;
    }

    private enum TokenClass { Word, Space, Mark }

    /// <summary>Words (letters, digits and their accents), runs of white space, and runs of punctuation.</summary>
    private static List<string> Words(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        TokenClass? current = null;
        for (var i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            var kind = ClassOf(rune);
            if (current is { } c && c != kind)
            {
                tokens.Add(text[start..i]);
                start = i;
            }
            current = kind;
            i += length;
        }
        if (start < text.Length) tokens.Add(text[start..]);
        return tokens;
    }

    private static TokenClass ClassOf(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune)) return TokenClass.Space;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                // So that an å written as a + ring (as some keyboards and Macs send it) stays one word.
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                => TokenClass.Word,
            _ => TokenClass.Mark,
        };
    }

    /// <summary>Lines, each with the line break that ends it.</summary>
    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
