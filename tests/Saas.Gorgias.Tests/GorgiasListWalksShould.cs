using Saas.Gorgias.Api;

namespace Saas.Gorgias.Tests;

/// <summary>Cursor walks to the end: under concurrent writes, and across expired cursors (restart from the watermark).</summary>
public sealed class GorgiasListWalksShould
{
    private static CancellationToken Ct => SandboxKit.Ct;

    private static Task<SandboxKit> StartAsync() =>
        SandboxKit.StartAsync(configure: o =>
        {
            o.Accounts["acme"].Tickets = 250;
            o.Accounts["acme"].Customers = 250;
            o.RateLimits.Enabled = false;
        });

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(Ct))
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task Walk_every_ticket_once_while_tickets_are_created_and_updated()
    {
        await using var kit = await StartAsync();
        var caller = await kit.CallerAsync();
        var existing = (await ToListAsync(kit.Api.ListTicketsAsync(caller, cancellationToken: Ct))).Select(t => t.Id).ToList();
        existing.Count.ShouldBeGreaterThan(200);

        var seen = new List<long>();
        var created = new List<long>();
        await foreach (var ticket in kit.Api.ListTicketsAsync(caller, new GorgiasTicketQuery(OrderBy: GorgiasOrder.UpdatedAscending), Ct))
        {
            seen.Add(ticket.Id);
            if (seen.Count % 40 == 0)
            {
                // One ticket already walked, one still ahead, one new.
                await kit.Api.UpdateTicketAsync(caller, seen[^5], new GorgiasTicketUpdate(Priority: "critical"), Ct);
                await kit.Api.UpdateTicketAsync(caller, existing.Except(seen).First(), new GorgiasTicketUpdate(Priority: "low"), Ct);
                created.Add((await kit.Api.CreateTicketAsync(caller, new GorgiasTicketCreate([new("api", "api", false, BodyText: "new")], Customer: new(Email: $"new{seen.Count}@example.com")), Ct)).Id);
            }
        }

        created.Count.ShouldBeGreaterThan(3);
        seen.Count.ShouldBe(seen.Distinct().Count());
        seen.ShouldBe(existing, ignoreOrder: true);
    }

    [Fact]
    public async Task Restart_a_ticket_walk_from_its_watermark_when_the_cursor_expires()
    {
        await using var kit = await StartAsync();
        var caller = await kit.CallerAsync();
        var ordered = (await ToListAsync(kit.Api.ListTicketsAsync(caller, new GorgiasTicketQuery(OrderBy: GorgiasOrder.UpdatedAscending), Ct))).Select(t => t.Id).ToList();
        var existing = ordered.ToHashSet();
        await kit.Sandbox.Control.ClearRequestLogAsync("acme", Ct);

        var seen = new List<GorgiasTicket>();
        long walkedThenUpdated = 0, aheadThenUpdated = 0;
        await foreach (var ticket in kit.Api.ListTicketsAsync(caller, new GorgiasTicketQuery(OrderBy: GorgiasOrder.UpdatedAscending), Ct))
        {
            seen.Add(ticket);
            if (seen.Count == 150)
            {
                await kit.Sandbox.Control.ExpireCursorsAsync("acme", Ct);
                walkedThenUpdated = seen[9].Id;
                aheadThenUpdated = ordered[230]; // on the third page, which the expired cursor was for
                await kit.Api.UpdateTicketAsync(caller, walkedThenUpdated, new GorgiasTicketUpdate(Priority: "critical"), Ct);
                await kit.Api.UpdateTicketAsync(caller, aheadThenUpdated, new GorgiasTicketUpdate(Priority: "critical"), Ct);
            }
        }

        // Every ticket once, in order; the ticket updated behind the watermark comes again as its new version.
        seen.Select(t => t.Id).ToHashSet().SetEquals(existing).ShouldBeTrue();
        seen.Count.ShouldBe(existing.Count + 1);
        seen.Count(t => t.Id == walkedThenUpdated).ShouldBe(2);
        seen.Count(t => t.Id == aheadThenUpdated).ShouldBe(1);
        seen.Where(t => t.Id != walkedThenUpdated).Select(t => t.Id).Distinct().Count().ShouldBe(existing.Count - 1);
        seen.Select(t => t.UpdatedDatetime!.Value).ShouldBeInOrder(SortDirection.Ascending);
        seen[^1].Priority.ShouldBe("critical");

        var log = await kit.Sandbox.Control.GetRequestLogAsync("acme", 100, Ct);
        var expired = log.Where(r => r.Status == 400).ShouldHaveSingleItem();
        expired.Path.ShouldContain("cursor=");
        log.SkipWhile(r => r != expired).Skip(1).First(r => r.Method == "GET").Path.ShouldNotContain("cursor=");
    }

    [Fact]
    public async Task Restart_an_event_walk_from_the_watermark_with_a_server_side_lower_bound()
    {
        await using var kit = await StartAsync();
        var caller = await kit.CallerAsync();
        var all = await ToListAsync(kit.Api.ListEventsAsync(caller, cancellationToken: Ct));
        all.Count.ShouldBeGreaterThan(200);
        await kit.Sandbox.Control.ClearRequestLogAsync("acme", Ct);

        var seen = new List<GorgiasEvent>();
        await foreach (var e in kit.Api.ListEventsAsync(caller, cancellationToken: Ct))
        {
            seen.Add(e);
            if (seen.Count == 150)
            {
                await kit.Sandbox.Control.ExpireCursorsAsync("acme", Ct);
            }
        }

        seen.Select(e => e.Id).ShouldBe(all.Select(e => e.Id));
        var log = await kit.Sandbox.Control.GetRequestLogAsync("acme", 100, Ct);
        var expired = log.Where(r => r.Status == 400).ShouldHaveSingleItem();
        var restart = log.SkipWhile(r => r != expired).Skip(1).First(); // the watermark: the last event of the second page
        Uri.UnescapeDataString(restart.Path).ShouldContain($"created_datetime[gte]={seen[199].CreatedDatetime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff}+00:00");
    }

    [Fact]
    public async Task Restart_an_unordered_walk_skipping_what_it_already_yielded()
    {
        await using var kit = await StartAsync();
        var caller = await kit.CallerAsync();
        var all = (await ToListAsync(kit.Api.ListCustomersAsync(caller, cancellationToken: Ct))).Select(c => c.Id).ToList();
        all.Count.ShouldBeGreaterThan(200);

        var seen = new List<long>();
        await foreach (var customer in kit.Api.ListCustomersAsync(caller, cancellationToken: Ct))
        {
            seen.Add(customer.Id);
            if (seen.Count == 120)
            {
                await kit.Sandbox.Control.ExpireCursorsAsync("acme", Ct);
            }
        }

        seen.ShouldBe(all);
    }

    [Fact]
    public async Task Yield_items_tied_with_the_watermark_that_were_not_yielded_yet()
    {
        var t1 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var t2 = t1.AddSeconds(1);
        var calls = new List<(string? Cursor, DateTimeOffset? Mark)>();
        Task<GorgiasPage<(long Id, DateTimeOffset At)>> Fetch(string? cursor, DateTimeOffset? mark, CancellationToken ct)
        {
            calls.Add((cursor, mark));
            return calls.Count switch
            {
                1 => Task.FromResult(new GorgiasPage<(long, DateTimeOffset)>([(1, t1), (2, t2)], new("c1", null))),
                2 => throw new GorgiasCursorExpiredException(HttpMethod.Get, "/api/x", "Invalid cursor: it has expired."),
                _ => Task.FromResult(new GorgiasPage<(long, DateTimeOffset)>([(1, t1), (3, t2), (2, t2), (4, t2.AddSeconds(1))], new(null, null))),
            };
        }

        var items = await ToListAsync(GorgiasPaging.WalkAsync<(long Id, DateTimeOffset At)>(Fetch, i => i.Id, i => i.At, Ct));

        items.Select(i => i.Id).ShouldBe([1, 2, 3, 4]);
        calls.Select(c => c.Cursor).ShouldBe([null, "c1", null]);
        calls[2].Mark.ShouldBe(t2);
    }

    [Fact]
    public async Task Give_up_when_the_cursor_keeps_expiring_without_progress()
    {
        var calls = 0;
        Task<GorgiasPage<long>> Fetch(string? cursor, DateTimeOffset? mark, CancellationToken ct)
        {
            calls++;
            return cursor is null
                ? Task.FromResult(new GorgiasPage<long>([1, 2], new("next", null)))
                : throw new GorgiasCursorExpiredException(HttpMethod.Get, "/api/x", "Invalid cursor: it has expired.");
        }

        var items = new List<long>();
        await Should.ThrowAsync<GorgiasCursorExpiredException>(async () =>
        {
            await foreach (var item in GorgiasPaging.WalkAsync<long>(Fetch, i => i, null, Ct))
            {
                items.Add(item);
            }
        });

        items.ShouldBe([1, 2]);
        calls.ShouldBe(8);
    }
}
