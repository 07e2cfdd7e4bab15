namespace Gorgias.Sandbox.Timers;

/// <summary>
/// One account's time-driven work, so the <see cref="TicketTimerService"/> never scans the whole account: tickets
/// waiting for their <c>snooze_datetime</c> (by that instant) and outgoing messages waiting to be sent (by the instant
/// they were queued). Entries are hints checked when they come due: a ticket unsnoozed or deleted in the meantime, or a
/// message sent, failed or deleted, is simply dropped, so only the places that snooze a ticket or create an unsent
/// message need to add entries. Writes and takes happen under the account lock; <see cref="NextUnsnoozeTicks"/> and
/// <see cref="NextSendQueuedTicks"/> are read without it, to skip accounts with nothing due.
/// </summary>
internal sealed class AccountTimers
{
    private readonly PriorityQueue<long, long> _unsnoozes = new();
    private readonly PriorityQueue<long, long> _sends = new();
    private long _nextUnsnooze = long.MaxValue;
    private long _nextSend = long.MaxValue;

    /// <summary>UTC ticks of the earliest snooze waiting (<see cref="long.MaxValue"/>: none).</summary>
    public long NextUnsnoozeTicks => Volatile.Read(ref _nextUnsnooze);

    /// <summary>UTC ticks at which the oldest unsent message was queued (<see cref="long.MaxValue"/>: none).</summary>
    public long NextSendQueuedTicks => Volatile.Read(ref _nextSend);

    public int PendingUnsnoozes => _unsnoozes.Count;

    public int PendingSends => _sends.Count;

    /// <summary>The ticket is snoozed until <paramref name="until"/>; caller holds the account lock.</summary>
    public void ScheduleUnsnooze(long ticketId, DateTimeOffset until)
    {
        _unsnoozes.Enqueue(ticketId, until.UtcTicks);
        Volatile.Write(ref _nextUnsnooze, Math.Min(_nextUnsnooze, until.UtcTicks));
    }

    /// <summary>The message waits to be sent, queued at <paramref name="queuedAt"/>; caller holds the account lock.</summary>
    public void ScheduleSend(long messageId, DateTimeOffset queuedAt)
    {
        _sends.Enqueue(messageId, queuedAt.UtcTicks);
        Volatile.Write(ref _nextSend, Math.Min(_nextSend, queuedAt.UtcTicks));
    }

    /// <summary>Takes a ticket whose snooze is at or before <paramref name="nowTicks"/>; caller holds the account lock.</summary>
    public bool TryTakeDueUnsnooze(long nowTicks, out long ticketId) => TryTakeDue(_unsnoozes, ref _nextUnsnooze, nowTicks, out ticketId);

    /// <summary>Takes a message queued at or before <paramref name="queuedBeforeTicks"/>; caller holds the account lock.</summary>
    public bool TryTakeDueSend(long queuedBeforeTicks, out long messageId) => TryTakeDue(_sends, ref _nextSend, queuedBeforeTicks, out messageId);

    private static bool TryTakeDue(PriorityQueue<long, long> queue, ref long next, long limit, out long id)
    {
        if (queue.TryPeek(out id, out var at) && at <= limit)
        {
            queue.Dequeue();
            Volatile.Write(ref next, queue.TryPeek(out _, out var following) ? following : long.MaxValue);
            return true;
        }

        id = 0;
        return false;
    }
}
