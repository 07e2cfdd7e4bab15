using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Saas.Core.Data;

/// <summary>
/// SQLite stores <see cref="DateTimeOffset"/> as text and EF Core refuses to compare, order or aggregate it there
/// (<c>Where(t =&gt; t.PurgeAfter &lt;= now)</c> would fail on SQLite only). On SQLite every <see cref="DateTimeOffset"/>
/// is stored as its UTC ticks instead: full precision, ordered, comparable. Values read back in UTC (offset zero),
/// which is all the app writes (time comes from <see cref="TimeProvider.GetUtcNow"/>); equality is unaffected.
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
