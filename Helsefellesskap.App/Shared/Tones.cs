using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.FollowUp;

namespace Helsefellesskap.App.Shared;

/// <summary>What a state means to the reader at a glance. The words say it; the tone only repeats it in colour.</summary>
public enum Tone { Good, Pending, Bad, Neutral }

/// <summary>
/// The one table of colours: every tag, banner and chart that shows an outcome or a status asks here, so the same
/// outcome has the same colour everywhere. The tag colours themselves are the <c>.status-*</c> classes in app.css;
/// a chart slice uses the tag's border colour, which has at least 3:1 contrast against white (ToneTests checks both).
/// </summary>
public static class Tones
{
    public static Tone Of(Outcome outcome) => outcome switch
    {
        Outcome.Binding or Outcome.Recommendation or Outcome.Advice => Tone.Good,
        Outcome.AdoptedPendingRatification or Outcome.SentBack => Tone.Pending,
        Outcome.NotAdopted or Outcome.NoConsensus => Tone.Bad,
        Outcome.Noted => Tone.Neutral,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Utfallet har ingen farge."),
    };

    public static Tone Of(CaseStatus status) => status switch
    {
        CaseStatus.Binding or CaseStatus.Recommended or CaseStatus.Advised => Tone.Good,
        CaseStatus.AdoptedPendingRatification or CaseStatus.UnderTreatment or CaseStatus.SentBack => Tone.Pending,
        CaseStatus.NoConsensus or CaseStatus.NotAdopted => Tone.Bad,
        CaseStatus.Draft or CaseStatus.Registered or CaseStatus.Noted => Tone.Neutral,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Statusen har ingen farge."),
    };

    public static Tone Of(RatificationStatus status) => status switch
    {
        RatificationStatus.Ratified or RatificationStatus.RatifiedWithChanges => Tone.Good,
        RatificationStatus.Sent or RatificationStatus.UnderTreatment => Tone.Pending,
        RatificationStatus.Rejected => Tone.Bad,
        RatificationStatus.NotSent or RatificationStatus.NotTreated => Tone.Neutral,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Forankringsstatusen har ingen farge."),
    };

    /// <param name="overdue">An open action past its deadline: that is what the reader must see first.</param>
    public static Tone Of(FollowUpStatus status, bool overdue = false) => overdue ? Tone.Bad : status switch
    {
        FollowUpStatus.Completed => Tone.Good,
        FollowUpStatus.InProgress => Tone.Pending,
        FollowUpStatus.NotStarted or FollowUpStatus.Cancelled => Tone.Neutral,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Tiltaksstatusen har ingen farge."),
    };

    /// <param name="kind">A party's position; none yet is neutral.</param>
    public static Tone Of(PositionKind? kind) => kind switch
    {
        null => Tone.Neutral,
        PositionKind.Disagree => Tone.Bad,
        PositionKind.Agree or PositionKind.AgreeWithRemark or PositionKind.AgreeSubjectToRatification => Tone.Good,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Standpunktet har ingen farge."),
    };

    public static Tone Of(Features.Administration.UserStatus status) => status switch
    {
        Features.Administration.UserStatus.Active => Tone.Good,
        Features.Administration.UserStatus.LockedOut => Tone.Pending,
        Features.Administration.UserStatus.Deactivated => Tone.Bad,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Brukerstatusen har ingen farge."),
    };

    /// <summary>The class that colours a tag or a banner: <c>status-good</c>, <c>status-pending</c>, ...</summary>
    public static string Css(this Tone tone) => "status-" + tone.ToString().ToLowerInvariant();

    /// <summary>The colour of a chart slice: the tag's border colour in app.css.</summary>
    public static string Colour(this Tone tone) => tone switch
    {
        Tone.Good => "#1b6e20",
        Tone.Pending => "#8a5300",
        Tone.Bad => "#b00020",
        Tone.Neutral => "#5f6368",
        _ => throw new ArgumentOutOfRangeException(nameof(tone), tone, null),
    };
}
