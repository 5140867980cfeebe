using Helsefellesskap.Domain.Cases;

namespace RegisterBench;

/// <summary>A case's title and texts, in Norwegian, as a secretariat would write them.</summary>
public sealed record CaseText(string Title, string Background, string Assessment, string Proposal);

/// <summary>
/// Builds case texts from word lists, so the full-text index holds the vocabulary of real cases: patient
/// groups, service areas, places in Innlandet and the phrases of case presentations. Deterministic for a given
/// <see cref="Random"/>.
/// </summary>
public static class CaseTexts
{
    /// <summary>Appears only in the cases chosen for it (about 20 in 20,000): the search for a rare word.</summary>
    public const string RareWord = "ryggmargsbrokk";

    /// <summary>A prefix most cases contain in some form (pasient, pasienter, pasientforløp, pasientreiser).</summary>
    public const string CommonWord = "pasient";

    private static readonly string[] PatientGroups =
    [
        "personer med kols", "barn og unge med psykiske plager", "skrøpelige eldre", "utskrivningsklare pasienter",
        "personer med demens", "pasienter med hjerneslag", "gravide og nyfødte", "personer med rusproblemer",
        "pasienter i palliativ fase", "personer med diabetes", "pasienter med hjertesvikt",
        "personer med utviklingshemming", "barn med behov for habilitering", "eldre med fallrisiko",
        "pasienter med kreft", "personer med alvorlig psykisk lidelse", "ungdom i overgang til voksentjenestene",
        "pasienter med behov for rehabilitering", "innbyggere med sammensatte behov", "flyktninger med helseplager",
        "personer med langvarige smerter", "barn i barnevernet", "pasienter med nyresvikt", "personer med epilepsi",
    ];

    private static readonly string[] ServiceAreas =
    [
        "legevaktsamarbeid", "ambulansetjenesten", "digital hjemmeoppfølging", "velferdsteknologi",
        "legemiddelsamstemming", "kommunale akutte døgnplasser", "elektronisk meldingsutveksling",
        "felles kompetanseheving", "delte stillinger", "hospitering mellom sykehus og kommune", "smittevern",
        "helseberedskap", "samvalg", "brukermedvirkning", "tolketjeneste", "følgetjeneste for gravide",
        "jordmortjeneste", "pasientreiser", "avvikshåndtering", "praksiskonsulentordningen", "kliniske ernæringsfysiologer",
        "forebyggende hjemmebesøk", "rehabiliteringsplasser", "sykehusapotekenes veiledning", "utstyrsformidling",
    ];

    private static readonly string[] Places =
    [
        "Gjøvik og Hadeland", "Valdres", "Sør-Gudbrandsdal", "Nord-Gudbrandsdal", "Hamar", "Sør-Østerdal",
        "Nord-Østerdal", "Innlandet", "Lillehammer", "Elverum", "Tynset", "Kongsvinger", "Fagernes", "Otta", "Brumunddal",
    ];

    private static readonly string[] Months =
        ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];

    private static readonly string[] GroupTitles =
    [
        "Felles prosedyre for {0}", "Pasientforløp for {0}", "Handlingsplan for {0}", "Tilbudet til {0} i {1}",
        "Evaluering av tilbudet til {0}", "Samhandling om {0}", "Felles retningslinje for {0}",
        "Oppfølging av {0} etter utskrivning", "Kartlegging av tjenestene til {0} i {1}",
    ];

    private static readonly string[] AreaTitles =
    [
        "Samarbeidsavtale om {0}", "Delavtale om {0}", "Felles plan for {0}", "Evaluering av {0} i {1}",
        "Pilotprosjekt: {0} i {1}", "Økonomisk modell for {0}", "Høringsuttalelse om {0}",
        "Revisjon av delavtalen om {0}", "Status for {0}",
    ];

    private static readonly string[] BackgroundSentences =
    [
        "Dagens praksis for {0} varierer mellom divisjonene i Sykehuset Innlandet og kommunene.",
        "Helseregion {1} har meldt behov for en felles avklaring av ansvaret for {0}.",
        "Nasjonal helse- og samhandlingsplan ber helsefellesskapene prioritere {0}.",
        "I {1} har om lag {2} innbyggere behov for tjenester fra både kommunen og sykehuset.",
        "Arbeidsgruppen har samlet erfaringer fra alle sju helseregioner og fra fastlegene.",
        "Saken ble drøftet i arbeidsutvalget og i fagnettverket for {0} i {3}.",
        "Statsforvalteren har etterspurt en oversikt over avvik knyttet til {0}.",
        "Brukerutvalget har pekt på at pasientene opplever brudd i overgangene mellom tjenestene.",
        "Kommunene og sykehuset har ulike rutiner for dokumentasjon og meldingsutveksling om pasienter.",
        "Partnerskapsmøtet ba i {3} om at helsefellesskapet følger opp {0}.",
        "Antallet henvisninger har økt med {4} prosent siden {3}.",
        "Praksiskonsulentene har fått tilbakemeldinger fra fastleger om lang ventetid og uklare ansvarsforhold.",
    ];

    private static readonly string[] AssessmentSentences =
    [
        "Sekretariatet vurderer at en felles rutine vil gi mer likeverdige tjenester i hele Innlandet.",
        "Tiltaket krever ikke nye stillinger, men forutsetter at partene setter av tid til opplæring.",
        "Kostnadene deles mellom kommunene etter innbyggertall og med sykehuset etter avtale.",
        "Erfaringene fra piloten i {1} viser færre reinnleggelser og kortere liggetid for pasientene.",
        "Forslaget forplikter både kommunene og sykehuset og bør derfor forankres lokalt.",
        "Samarbeidet med fastlegene er avgjørende for at arbeidet med {0} skal lykkes.",
        "Tiltaket bør evalueres etter {5} år, med rapport til strategisk samarbeidsutvalg.",
        "Personvern og informasjonssikkerhet er vurdert, og det er gjennomført en risikovurdering.",
        "De minste kommunene kan ha behov for interkommunalt samarbeid for å gi tilbudet.",
        "Arbeidsgruppen anbefaler at ansvaret for {0} deles tydeligere mellom nivåene.",
        "Forslaget er i tråd med delavtalen om innleggelse og utskrivning.",
    ];

    public static CaseText Build(Random random, string bodyName, CaseType type, int year, bool withRareWord)
    {
        var isGroup = random.Next(2) == 0;
        var topic = isGroup ? Pick(random, PatientGroups) : Pick(random, ServiceAreas);
        var place = Pick(random, Places);
        var title = string.Format(Pick(random, isGroup ? GroupTitles : AreaTitles), topic, place);
        if (type == CaseType.Information && random.Next(3) == 0) title = $"Årsrapport {year - 1}: {topic}";
        title = char.ToUpperInvariant(title[0]) + title[1..];

        string Fill(string sentence) => string.Format(sentence, topic, place, random.Next(200, 20_000),
            random.Next(2018, year + 1), random.Next(5, 60), random.Next(1, 4));

        var background = Sentences(random, BackgroundSentences, 3, 5, Fill);
        if (withRareWord) background += $" Saken omfatter også oppfølgingen av barn og voksne med {RareWord}.";
        var assessment = Sentences(random, AssessmentSentences, 2, 5, Fill);
        var subject = char.ToLowerInvariant(title[0]) + title[1..];
        var proposal = type switch
        {
            CaseType.Information => $"{bodyName} tar saken om {subject} til orientering.",
            CaseType.Discussion => $"{bodyName} drøfter {subject} og gir sekretariatet innspill til det videre arbeidet.",
            _ => $"{bodyName} {Pick(random, ["vedtar", "slutter seg til", "godkjenner"])} {subject}, " +
                 $"gjeldende fra 1. {Pick(random, Months)} {year + random.Next(0, 2)}.",
        };
        return new CaseText(title, background, assessment, proposal);
    }

    public static string Remark(Random random) => Pick(random,
    [
        "Parten ber om at tiltaket evalueres etter ett år.",
        "Parten forutsetter at kostnadene fordeles etter innbyggertall.",
        "Parten ber om at de minste kommunene får plass i arbeidsgruppen.",
        "Parten ber om at brukerrepresentantene involveres i det videre arbeidet.",
    ]);

    public static string Disagreement(Random random) => Pick(random,
    [
        "Forslaget forutsetter stillinger som de minste kommunene i regionen ikke kan finansiere.",
        "Parten mener ansvarsdelingen mellom kommune og sykehus ikke er tilstrekkelig avklart.",
        "Parten kan ikke slutte seg til en ordning uten at den først er drøftet i kommunestyrene.",
        "Konsekvensene for legevaktene i regionen er ikke utredet.",
    ]);

    public static string SentBackComment(Random random) => Pick(random,
    [
        "Saken mangler en vurdering av de økonomiske konsekvensene for kommunene.",
        "Forslaget til vedtak må gjøres tydeligere før saken legges fram for SSU.",
        "Brukerrepresentantene må høres før saken behandles.",
    ]);

    private static string Sentences(Random random, string[] pool, int min, int max, Func<string, string> fill)
    {
        var count = random.Next(min, max + 1);
        var chosen = new List<string>(count);
        while (chosen.Count < count)
        {
            var sentence = Pick(random, pool);
            if (!chosen.Contains(sentence)) chosen.Add(sentence);
        }
        return string.Join(" ", chosen.Select(fill));
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
