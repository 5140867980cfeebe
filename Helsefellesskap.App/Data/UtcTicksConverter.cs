using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Helsefellesskap.App.Data;

/// <summary>Stores an instant as UTC ticks; reads it back as UTC. Pages show it in Norwegian time.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
