using Helsefellesskap.Domain.Cases;

namespace Helsefellesskap.App.Features.Meetings.Live;

/// <summary>
/// A command given in the meeting room, as plain data (Fluxor's action): the reducer shows it under way, and
/// <see cref="MeetingRoomEffects"/> runs it against <see cref="MeetingWork"/>, which checks who may do it.
/// </summary>
public abstract record MeetingCommand(Guid MeetingId)
{
    /// <summary>What the user is told when it is done.</summary>
    public abstract string Done { get; }
}

public sealed record SendNoticeAction(Guid MeetingId) : MeetingCommand(MeetingId)
{
    public override string Done => "Innkallingen er sendt.";
}

public sealed record RescheduleMeetingAction(Guid MeetingId, string Day, string Time, int Minutes, string Location, string? VideoLink)
    : MeetingCommand(MeetingId)
{
    public override string Done => "Tid og sted er endret.";
}

public sealed record CancelMeetingAction(Guid MeetingId) : MeetingCommand(MeetingId)
{
    public override string Done => "Møtet er avlyst.";
}

public sealed record OpenMeetingAction(Guid MeetingId) : MeetingCommand(MeetingId)
{
    public override string Done => "Møtet er åpnet.";
}

public sealed record CloseMeetingAction(Guid MeetingId) : MeetingCommand(MeetingId)
{
    public override string Done => "Møtet er avsluttet.";
}

public sealed record AddCaseAction(Guid MeetingId, Guid CaseId) : MeetingCommand(MeetingId)
{
    public override string Done => "Saken er satt på sakslisten.";
}

public sealed record MoveCaseAction(Guid MeetingId, Guid ItemId, int Direction) : MeetingCommand(MeetingId)
{
    public override string Done => "Rekkefølgen er endret.";
}

public sealed record RemoveCaseAction(Guid MeetingId, Guid ItemId) : MeetingCommand(MeetingId)
{
    public override string Done => "Saken er fjernet fra sakslisten.";
}

public sealed record ReportOwnAbsenceAction(Guid MeetingId, string? Reason) : MeetingCommand(MeetingId)
{
    public override string Done => "Forfallet er meldt.";
}

public sealed record RecordAllCalledPresentAction(Guid MeetingId) : MeetingCommand(MeetingId)
{
    public override string Done => "Alle innkalte som ikke har meldt forfall, er registrert til stede.";
}

public sealed record RecordPresenceAction(Guid MeetingId, Guid PersonId, bool Present) : MeetingCommand(MeetingId)
{
    public override string Done => Present ? "Oppmøtet er registrert." : "Fraværet er registrert.";
}

public sealed record CallInSubstituteAction(Guid MeetingId, Guid SubstitutePersonId, Guid ForPersonId) : MeetingCommand(MeetingId)
{
    public override string Done => "Varaen er kalt inn.";
}

public sealed record OpenItemAction(Guid MeetingId, Guid ItemId) : MeetingCommand(MeetingId)
{
    public const string Opened = "Punktet er åpnet.";
    public override string Done => Opened;
}

/// <summary>
/// The wording version is the one on the screen the click came from, and <paramref name="Seen"/> the party's
/// position shown there: if someone else registered meanwhile, the domain says so instead of replacing it.
/// </summary>
public sealed record RegisterPositionAction(Guid MeetingId, Guid ItemId, Guid PartyId, int WordingVersion, PositionKind Kind,
    string? Text, SeenPosition Seen) : MeetingCommand(MeetingId)
{
    public override string Done => Seen.ConfirmsReplacing ? "Standpunktet er erstattet." : "Standpunktet er registrert.";
}

public sealed record AmendWordingAction(Guid MeetingId, Guid ItemId, string Text) : MeetingCommand(MeetingId)
{
    public override string Done => "Ordlyden er endret. Standpunktene må gis på nytt.";
}

public sealed record AddRemarkAction(Guid MeetingId, Guid ItemId, string Text, Guid Key) : MeetingCommand(MeetingId)
{
    public override string Done => "Merknaden er lagt til protokollen.";
}

public sealed record CloseItemAction(Guid MeetingId, Guid ItemId, ItemClosing Closing) : MeetingCommand(MeetingId)
{
    public const string Closed = "Punktet er avsluttet.";
    public override string Done => Closed;
}
