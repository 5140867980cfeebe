using Helsefellesskap.Domain.FollowUp;

namespace Helsefellesskap.App.Features.FollowUp;

public sealed record ProgressUpdate(Guid ActionId, FollowUpStatus Status, int Percent, string? Note);
