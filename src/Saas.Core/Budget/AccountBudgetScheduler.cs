using Saas.Gorgias.Calls;

namespace Saas.Core.Budget;

/// <summary>
/// The rate budget of one Gorgias account, as a deterministic state machine on a <see cref="TimeProvider"/>
/// (the account budget grain wraps one; tests drive it with a fake clock). Not thread-safe: its owner serialises
/// calls (a grain turn does).
/// <para>
/// Model: Gorgias' leaky bucket (capacity = limit, draining limit ÷ window per second), kept as a GCRA
/// "theoretical arrival time" and corrected by every response's <c>used/limit</c> header, so the merchant's other
/// apps are counted. A request may go when the bucket has room below <c>limit − headroom</c> and the tenant's own
/// bucket (capacity and rate scaled by its ceiling) has room too. Callers queue per lane; a free slot goes to a lane
/// below its guaranteed share first, else to the highest lane with demand (work-conserving). Slots are only ever
/// handed out for "now": a caller that has to wait gets a time to ask again, and a 429 pauses the account until
/// <c>Retry-after</c> has passed, taking back every slot not yet collected.
/// </para>
/// </summary>
public sealed class AccountBudgetScheduler
{
    private static readonly GorgiasLane[] Lanes = [GorgiasLane.Live, GorgiasLane.Sync, GorgiasLane.Backfill];

    private readonly BudgetSettings _settings;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _origin;
    private readonly double _window;
    private readonly Dictionary<long, Ticket> _tickets = [];
    private readonly LinkedList<Ticket>[] _queues = [new(), new(), new()];
    private readonly Dictionary<string, TenantState> _tenants = new(StringComparer.Ordinal);
    private readonly double[] _recent = new double[3];
    private readonly long[] _granted = new long[3];
    private readonly long[] _tooMany = new long[3];
    private readonly Queue<double> _inFlight = new();
    private double _recentAt;
    private int _limit;
    private double _rate;
    private double _tat;
    private double _pausedUntil = double.NegativeInfinity;
    private long _nextTicket;

    public AccountBudgetScheduler(string account, BudgetSettings settings, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        if (settings.Limit < 1 || settings.Window <= TimeSpan.Zero || settings.Headroom < 0 || settings.Headroom >= settings.Limit)
        {
            throw new ArgumentException("The budget needs a limit of at least 1, a positive window and a headroom below the limit.", nameof(settings));
        }

        Account = account;
        _settings = settings;
        _time = time;
        _origin = time.GetUtcNow();
        _window = settings.Window.TotalSeconds;
        _limit = settings.Limit;
        _rate = _limit / _window;
        _tat = 0;
    }

    public string Account { get; }

    /// <summary>The limit in force (the plan's, or the last header's).</summary>
    public int Limit => _limit;

    /// <summary>The requests waiting for a slot, all lanes.</summary>
    public int Waiting => _queues.Sum(q => q.Count);

    private double Now => (_time.GetUtcNow() - _origin).TotalSeconds;

    private double Capacity => Math.Max(1, _limit - _settings.Headroom);

    /// <summary>Queues one request and answers at once: granted (send now) or when to ask again.</summary>
    public BudgetReservation Reserve(string tenant, GorgiasLane lane)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        var now = Now;
        var ticket = new Ticket(++_nextTicket, tenant, LaneIndex(lane), now);
        _tickets.Add(ticket.Id, ticket);
        ticket.Node = _queues[ticket.Lane].AddLast(ticket);
        Pump(now);
        return Answer(ticket, now);
    }

    /// <summary>The caller of <paramref name="ticket"/> asks again; an unknown (expired) ticket is queued afresh.</summary>
    public BudgetReservation Claim(long ticket, string tenant, GorgiasLane lane)
    {
        if (!_tickets.TryGetValue(ticket, out var known) || known.Tenant != tenant)
        {
            return Reserve(tenant, lane);
        }

        var now = Now;
        known.LastSeen = now;
        Pump(now);
        return Answer(known, now);
    }

    /// <summary>The caller gave up: its place in the queue (or its uncollected slot) is released.</summary>
    public void Cancel(long ticket)
    {
        if (_tickets.Remove(ticket, out var known))
        {
            if (known.Node is not null)
            {
                _queues[known.Lane].Remove(known.Node);
                known.Node = null;
            }
            else if (known.Assigned)
            {
                Refund(known);
            }
        }
    }

    /// <summary>
    /// What a response said. The header corrects the level (up whenever the account is fuller than modelled,
    /// down when it is clearly emptier); a different limit replaces the plan's; a 429 pauses the account.
    /// </summary>
    public void Observe(string tenant, GorgiasLane lane, BudgetObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var now = Now;
        var at = Math.Min(now, (observation.At - _origin).TotalSeconds);
        while (_inFlight.Count > 0 && _inFlight.Peek() < now - _settings.InFlightTimeout.TotalSeconds)
        {
            _inFlight.Dequeue();
        }

        if (_inFlight.Count > 0)
        {
            _inFlight.Dequeue();
        }

        if (observation.Limit is { } limit && limit > _settings.Headroom && limit != _limit)
        {
            var level = LevelAt(now);
            var tenantLevels = _tenants.Values.Select(s => Math.Max(0, (s.Tat - now) * TenantRate(s))).ToList();
            _limit = limit;
            _rate = _limit / _window;
            _tat = now + (level / _rate);
            foreach (var (state, tenantLevel) in _tenants.Values.Zip(tenantLevels))
            {
                state.Tat = now + (tenantLevel / TenantRate(state));
            }
        }

        if (observation.Status == 429)
        {
            var retry = observation.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero
                ? retryAfter.TotalSeconds * _settings.RetryAfterScale
                : _settings.DefaultRetryAfter.TotalSeconds;
            _pausedUntil = Math.Max(_pausedUntil, at + retry);
            var index = LaneIndex(lane);
            _tooMany[index]++;
            TenantOf(tenant).TooMany[index]++;
            TakeBackUncollectedSlots();
        }

        if (observation.Used is { } used)
        {
            Correct(at, used);
        }
    }

    /// <summary>Sets the share (0..1] of the account's limit a tenant may use; its current level is kept.</summary>
    public void SetCeiling(string tenant, double ceiling)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        if (!(ceiling > 0 && ceiling <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ceiling), ceiling, "A ceiling is a share of the account's limit, greater than 0 and at most 1.");
        }

        var now = Now;
        var state = TenantOf(tenant);
        var level = Math.Max(0, (state.Tat - now) * TenantRate(state));
        state.Ceiling = ceiling;
        state.Tat = now + (level / TenantRate(state));
    }

    /// <summary>The figures for one tenant or (null) the whole account.</summary>
    public AccountBudgetSnapshot Snapshot(string? tenant)
    {
        var now = Now;
        TenantState? state = null;
        if (tenant is not null)
        {
            _tenants.TryGetValue(tenant, out state);
        }

        var lanes = Lanes.Select((lane, i) => new BudgetLaneFigures(
            lane,
            tenant is null ? _granted[i] : state?.Granted[i] ?? 0,
            tenant is null ? _queues[i].Count : _queues[i].Count(t => t.Tenant == tenant),
            tenant is null ? _tooMany[i] : state?.TooMany[i] ?? 0)).ToArray();
        return new AccountBudgetSnapshot(
            Account,
            tenant,
            Math.Round(LevelAt(now), 3),
            _limit,
            _settings.Window,
            tenant is null ? _settings.DefaultCeiling : state?.Ceiling ?? _settings.DefaultCeiling,
            _pausedUntil > now ? _origin + TimeSpan.FromSeconds(_pausedUntil) : null,
            lanes,
            _time.GetUtcNow());
    }

    private BudgetReservation Answer(Ticket ticket, double now)
    {
        if (ticket.Assigned)
        {
            _tickets.Remove(ticket.Id);
            _granted[ticket.Lane]++;
            TenantOf(ticket.Tenant).Granted[ticket.Lane]++;
            return new BudgetReservation(ticket.Id, true, _time.GetUtcNow());
        }

        return new BudgetReservation(ticket.Id, false, _origin + TimeSpan.FromSeconds(Estimate(ticket, now)));
    }

    /// <summary>Hands every slot that is free now to the queued request that should have it.</summary>
    private void Pump(double now)
    {
        Expire(now);
        if (now < _pausedUntil)
        {
            return;
        }

        while (AccountNextSlot() <= now + 1e-9 && Choose(now) is { } ticket)
        {
            Assign(ticket, now);
        }
    }

    /// <summary>
    /// Picks the request for the next slot: among lanes with a request whose tenant has room, a lane below its
    /// guaranteed share (by recent grants) first, else the highest lane.
    /// </summary>
    private Ticket? Choose(double now)
    {
        Decay(now);
        var total = _recent.Sum();
        Ticket? best = null;
        foreach (var lane in Lanes)
        {
            var i = (int)lane;
            var candidate = FirstEligible(i, now);
            if (candidate is null)
            {
                continue;
            }

            var share = total > 0 ? _recent[i] / total : 0;
            if (share < _settings.LaneShares.GetValueOrDefault(lane))
            {
                return candidate;
            }

            best ??= candidate;
        }

        return best;
    }

    private Ticket? FirstEligible(int lane, double now)
    {
        foreach (var ticket in _queues[lane])
        {
            if (TenantNextSlot(TenantOf(ticket.Tenant)) <= now + 1e-9)
            {
                return ticket;
            }
        }

        return null;
    }

    private void Assign(Ticket ticket, double now)
    {
        _queues[ticket.Lane].Remove(ticket.Node!);
        ticket.Node = null;
        ticket.Assigned = true;
        ticket.AssignedAt = now;
        _tat = Math.Max(_tat, now) + (1 / _rate);
        var state = TenantOf(ticket.Tenant);
        state.Tat = Math.Max(state.Tat, now) + (1 / TenantRate(state));
        _recent[ticket.Lane] += 1;
        _inFlight.Enqueue(now);
    }

    private void Refund(Ticket ticket)
    {
        ticket.Assigned = false;
        _tat -= 1 / _rate;
        var state = TenantOf(ticket.Tenant);
        state.Tat -= 1 / TenantRate(state);
        _recent[ticket.Lane] = Math.Max(0, _recent[ticket.Lane] - 1);
        if (_inFlight.Count > 0)
        {
            _inFlight.Dequeue();
        }
    }

    /// <summary>After a 429: slots assigned but not yet collected go back to the front of their lanes.</summary>
    private void TakeBackUncollectedSlots()
    {
        foreach (var ticket in _tickets.Values.Where(t => t.Assigned).OrderByDescending(t => t.AssignedAt).ThenByDescending(t => t.Id).ToList())
        {
            Refund(ticket);
            ticket.Node = _queues[ticket.Lane].AddFirst(ticket);
        }
    }

    /// <summary>
    /// Moves the model to what the header says. The header's <c>used</c> counts this request and those before it;
    /// requests granted after it (still in flight) and slots not yet collected come on top. Up: always (other apps
    /// spent). Down: only when the model is more than one request too high (the header rounds up). Never above
    /// the limit.
    /// </summary>
    private void Correct(double at, int used)
    {
        var model = LevelAt(at);
        var uncollected = _tickets.Values.Count(t => t.Assigned);
        // Gorgias' bucket never holds more than the limit (what does not fit is refused).
        var target = Math.Min(_limit, (double)used + _inFlight.Count + uncollected);
        if (target > model || model - target > 1)
        {
            _tat = at + (target / _rate);
        }
    }

    private double Estimate(Ticket ticket, double now)
    {
        var state = TenantOf(ticket.Tenant);
        var ahead = 0;
        for (var lane = 0; lane < ticket.Lane; lane++)
        {
            ahead += _queues[lane].Count;
        }

        for (var node = _queues[ticket.Lane].First; node is not null && node.Value != ticket; node = node.Next)
        {
            ahead++;
        }

        var rate = Math.Min(_rate, TenantRate(state));
        var next = Math.Max(Math.Max(now, _pausedUntil), Math.Max(AccountNextSlot(), TenantNextSlot(state)));
        var at = Math.Min(next + (ahead / rate), next + _settings.MaxPoll.TotalSeconds);
        return Math.Max(at, now + 0.001);
    }

    private void Expire(double now)
    {
        var limit = now - _settings.TicketTimeout.TotalSeconds;
        List<long>? stale = null;
        foreach (var ticket in _tickets.Values)
        {
            if (ticket.LastSeen < limit)
            {
                (stale ??= []).Add(ticket.Id);
            }
        }

        foreach (var id in stale ?? [])
        {
            var ticket = _tickets[id];
            _tickets.Remove(id);
            if (ticket.Node is not null)
            {
                _queues[ticket.Lane].Remove(ticket.Node);
            }
        }
    }

    private void Decay(double now)
    {
        if (now > _recentAt)
        {
            var factor = Math.Exp(-(now - _recentAt) / _window);
            for (var i = 0; i < _recent.Length; i++)
            {
                _recent[i] *= factor;
            }

            _recentAt = now;
        }
    }

    private double LevelAt(double t) => Math.Max(0, (_tat - t) * _rate);

    private double AccountNextSlot() => _tat - ((Capacity - 1) / _rate);

    private double TenantRate(TenantState state) => state.Ceiling * _rate;

    private double TenantCapacity(TenantState state) => Math.Max(1, (state.Ceiling * _limit) - _settings.Headroom);

    private double TenantNextSlot(TenantState state) => state.Tat - ((TenantCapacity(state) - 1) / TenantRate(state));

    private TenantState TenantOf(string tenant)
    {
        if (!_tenants.TryGetValue(tenant, out var state))
        {
            state = new TenantState(_settings.DefaultCeiling);
            _tenants.Add(tenant, state);
        }

        return state;
    }

    private static int LaneIndex(GorgiasLane lane) => lane switch
    {
        GorgiasLane.Live or GorgiasLane.Sync or GorgiasLane.Backfill => (int)lane,
        _ => throw new ArgumentOutOfRangeException(nameof(lane), lane, "Unknown lane."),
    };

    private sealed class Ticket(long id, string tenant, int lane, double now)
    {
        public long Id { get; } = id;
        public string Tenant { get; } = tenant;
        public int Lane { get; } = lane;
        public double LastSeen { get; set; } = now;
        public bool Assigned { get; set; }
        public double AssignedAt { get; set; }
        public LinkedListNode<Ticket>? Node { get; set; }
    }

    private sealed class TenantState(double ceiling)
    {
        public double Ceiling { get; set; } = ceiling;
        public double Tat { get; set; }
        public long[] Granted { get; } = new long[3];
        public long[] TooMany { get; } = new long[3];
    }
}
