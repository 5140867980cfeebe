using System.Text;
using Bunit;
using Helsefellesskap.App.Features.Cases.Versions;

namespace Helsefellesskap.Tests.Cases;

public class WordDiffSpecs
{
    private const string Proposal = "Helsefellesskapet slutter seg til forslaget om felles retningslinjer.";

    [Fact]
    public void Identical_texts_are_one_unchanged_segment()
    {
        var segments = WordDiff.Compare(Proposal, Proposal);

        Assert.Equal([new DiffSegment(DiffKind.Same, Proposal)], segments);
    }

    [Fact]
    public void Two_empty_texts_have_no_segments()
    {
        Assert.Empty(WordDiff.Compare("", ""));
    }

    [Fact]
    public void A_replaced_word_is_removed_and_added_between_the_unchanged_text()
    {
        var segments = WordDiff.Compare(
            "Strategisk samarbeidsutvalg anbefaler tiltaket.",
            "Strategisk samarbeidsutvalg støtter tiltaket.");

        Assert.Equal([
            new DiffSegment(DiffKind.Same, "Strategisk samarbeidsutvalg "),
            new DiffSegment(DiffKind.Removed, "anbefaler"),
            new DiffSegment(DiffKind.Added, "støtter"),
            new DiffSegment(DiffKind.Same, " tiltaket."),
        ], segments);
    }

    [Fact]
    public void Neighbouring_replaced_words_read_as_one_change()
    {
        var segments = WordDiff.Compare("Utvalget anbefaler tiltaket for kommunene.", "Utvalget avviser forslaget for kommunene.");

        Assert.Equal([
            new DiffSegment(DiffKind.Same, "Utvalget "),
            new DiffSegment(DiffKind.Removed, "anbefaler tiltaket"),
            new DiffSegment(DiffKind.Added, "avviser forslaget"),
            new DiffSegment(DiffKind.Same, " for kommunene."),
        ], segments);
    }

    [Fact]
    public void An_added_sentence_is_only_added()
    {
        var segments = WordDiff.Compare("Første setning.", "Første setning. Andre setning.");

        Assert.Equal([
            new DiffSegment(DiffKind.Same, "Første setning."),
            new DiffSegment(DiffKind.Added, " Andre setning."),
        ], segments);
    }

    [Fact]
    public void A_change_of_punctuation_alone_is_shown()
    {
        var segments = WordDiff.Compare("Vedtaket er bindende.", "Vedtaket er bindende!");

        Assert.Equal([
            new DiffSegment(DiffKind.Same, "Vedtaket er bindende"),
            new DiffSegment(DiffKind.Removed, "."),
            new DiffSegment(DiffKind.Added, "!"),
        ], segments);
    }

    [Fact]
    public void Norwegian_letters_are_kept_and_a_word_with_them_is_one_word()
    {
        var segments = WordDiff.Compare("Kommunene på Østlandet får økt tilskudd.", "Kommunene på Østlandet får ærlig tilskudd.");

        Assert.Contains(new DiffSegment(DiffKind.Removed, "økt"), segments);
        Assert.Contains(new DiffSegment(DiffKind.Added, "ærlig"), segments);
        Assert.Equal("Kommunene på Østlandet får ærlig tilskudd.", After(segments));
    }

    [Fact]
    public void An_å_written_as_a_and_a_ring_belongs_to_its_word()
    {
        // Some keyboards and Macs send å as an a followed by a combining ring; "gå" and "ga" are different words.
        var decomposedGå = "ga\u030A";
        var segments = WordDiff.Compare($"Vi {decomposedGå} videre.", "Vi ga videre.");

        Assert.Equal([
            new DiffSegment(DiffKind.Same, "Vi "),
            new DiffSegment(DiffKind.Removed, decomposedGå),
            new DiffSegment(DiffKind.Added, "ga"),
            new DiffSegment(DiffKind.Same, " videre."),
        ], segments);
    }

    [Fact]
    public void Line_breaks_are_kept_exactly()
    {
        const string before = "1. Tiltaket godkjennes.\r\n2. Kostnadene deles.\n\n3. Saken evalueres i 2027.";
        const string after = "1. Tiltaket godkjennes.\r\n2. Kostnadene deles likt.\n3. Saken evalueres i 2027.";

        var segments = WordDiff.Compare(before, after);

        Assert.Equal(before, Before(segments));
        Assert.Equal(after, After(segments));
    }

    [Fact]
    public void The_earlier_and_the_later_text_are_reproduced_exactly_from_the_segments_of_200_random_edits()
    {
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            var before = RandomText(random, random.Next(0, 60));
            var after = Edit(random, before);

            var segments = WordDiff.Compare(before, after);

            Assert.Equal(before, Before(segments));
            Assert.Equal(after, After(segments));
            Assert.All(segments, s => Assert.NotEqual("", s.Text));
            Assert.All(segments.Zip(segments.Skip(1)), pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
        }
    }

    [Fact]
    public void A_very_long_text_is_compared_line_by_line_and_still_reproduced_exactly()
    {
        var random = new Random(42);
        // About 6,000 tokens on each side, all different: a word table would need some 36 million cells.
        var lines = Enumerable.Range(0, 300).Select(i => $"Linje {i}: {RandomText(random, 8).ReplaceLineEndings(" ")}\n").ToList();
        var before = string.Concat(lines);
        lines[150] = "Denne linjen er skrevet om.\n";
        var after = string.Concat(lines.Select(l => l.Replace("e", "é")).Take(100)) + string.Concat(lines.Skip(100));

        var segments = WordDiff.Compare(before, after);

        Assert.Equal(before, Before(segments));
        Assert.Equal(after, After(segments));
        // Whole lines, not words: the first hundred lines are one removal, however little each line changed.
        Assert.Equal(new DiffSegment(DiffKind.Removed, string.Concat(lines.Take(100))), segments[0]);
        Assert.Contains(segments, s => s.Kind == DiffKind.Added && s.Text == "Denne linjen er skrevet om.\n");
        Assert.Contains(new DiffSegment(DiffKind.Same, string.Concat(lines.Skip(100).Take(50))), segments);
    }

    [Fact]
    public void The_view_marks_removed_and_added_text_with_labels_for_screen_readers()
    {
        using var context = new BunitContext();

        var view = context.Render<VersionDiffView>(p => p
            .Add(x => x.Before, "Utvalget anbefaler tiltaket.")
            .Add(x => x.After, "Utvalget støtter tiltaket."));

        var removed = view.Find("p.diff del");
        var added = view.Find("p.diff ins");
        Assert.Equal("Fjernet: ", removed.QuerySelector("span.visually-hidden")!.TextContent);
        Assert.Equal("Fjernet: anbefaler", removed.TextContent);
        Assert.Equal("Lagt til: ", added.QuerySelector("span.visually-hidden")!.TextContent);
        Assert.Equal("Lagt til: støtter", added.TextContent);
        Assert.Equal("Utvalget Fjernet: anbefalerLagt til: støtter tiltaket.", view.Find("p.diff").TextContent);
    }

    [Fact]
    public void The_view_says_so_when_the_text_has_not_changed()
    {
        using var context = new BunitContext();

        var view = context.Render<VersionDiffView>(p => p
            .Add(x => x.Before, "Utvalget anbefaler tiltaket.")
            .Add(x => x.After, "Utvalget anbefaler tiltaket."));

        Assert.Equal("Ingen endringer i teksten.", view.Find("p").TextContent);
        Assert.Empty(view.FindAll("del, ins"));
    }

    private static string Before(IEnumerable<DiffSegment> segments) =>
        string.Concat(segments.Where(s => s.Kind != DiffKind.Added).Select(s => s.Text));

    private static string After(IEnumerable<DiffSegment> segments) =>
        string.Concat(segments.Where(s => s.Kind != DiffKind.Removed).Select(s => s.Text));

    private static readonly string[] Vocabulary =
    [
        "helsefellesskap", "kommunene", "sykehuset", "tiltaket", "vedtak", "forankring", "økonomi", "ansvar",
        "pasientforløp", "Østerdalen", "Gjøvik", "får", "være", "ære", "og", "i", "på", "2026", "§", "12",
    ];

    private static readonly string[] Separators = [" ", " ", " ", ", ", ". ", "\n", "\r\n", "  ", " – ", "; ", "(", ")"];

    private static string RandomText(Random random, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            text.Append(Vocabulary[random.Next(Vocabulary.Length)]);
            if (i + 1 < words || random.Next(3) == 0) text.Append(Separators[random.Next(Separators.Length)]);
        }
        return text.ToString();
    }

    /// <summary>A few random insertions, deletions and replacements of text, from single characters to phrases.</summary>
    private static string Edit(Random random, string text)
    {
        var edited = new StringBuilder(text);
        for (var edits = random.Next(0, 6); edits > 0; edits--)
        {
            var at = random.Next(edited.Length + 1);
            var length = Math.Min(random.Next(0, 15), edited.Length - at);
            var insertion = random.Next(4) == 0 ? "" : RandomText(random, random.Next(0, 4));
            if (random.Next(5) == 0) insertion = ((char)random.Next('a', 'z' + 1)).ToString();
            edited.Remove(at, length).Insert(at, insertion);
        }
        return edited.ToString();
    }
}
