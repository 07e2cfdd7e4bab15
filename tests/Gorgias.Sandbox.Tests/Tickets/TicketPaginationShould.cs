using System.Net;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Model;
using Microsoft.Extensions.Time.Testing;

namespace Gorgias.Sandbox.Tests.Tickets;

/// <summary>Cursor pagination of tickets while they change, cursor expiry and tampering (reference §3).</summary>
public sealed class TicketPaginationShould
{
    private const int TicketCount = 300;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("updated_datetime:asc")]
    [InlineData("created_datetime:desc")]
    [InlineData("updated_datetime:desc")]
    public async Task Yield_every_ticket_that_existed_exactly_once_while_tickets_are_created_and_updated(string orderBy)
    {
        await using var sandbox = await TicketApi.StartUnlimitedAsync();
        var account = await sandbox.NewAccountAsync();
        using var api = account.AdminApi();
        using var writerApi = account.AdminApi();
        var state = sandbox.State(account.Domain);
        var existing = new HashSet<long>();
        lock (state.Sync)
        {
            for (var i = 0; i < TicketCount; i++)
            {
                var ticket = TicketOperations.CreateTicket(state, new NewTicket(
                    [new NewMessage("email", "email", FromAgent: false, Public: true, $"Message {i}", null)],
                    "email",
                    "email",
                    CustomerEmail: $"c{i % 40}@example.com"), actingUserId: null);
                existing.Add(ticket.Id);
            }
        }

        // The first page takes the walk's snapshot; then a writer keeps creating and updating tickets while the walk goes on.
        var url = $"api/tickets?limit=7&order_by={orderBy}";
        var first = await api.GetJsonAsync(url);
        first.Status.ShouldBe(HttpStatusCode.OK, first.Text);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var writes = 0;
        var underWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(
            async () =>
            {
                var ids = existing.ToArray();
                var random = new Random(7);
                while (!stop.IsCancellationRequested)
                {
                    var id = ids[random.Next(ids.Length)];
                    var priority = new[] { "low", "normal", "high", "critical" }[random.Next(4)];
                    var answer = (Volatile.Read(ref writes) % 3) switch
                    {
                        0 => await writerApi.PutJsonAsync($"api/tickets/{id}", $$"""{"priority": "{{priority}}"}"""),
                        1 => await writerApi.PutJsonAsync($"api/tickets/{id}", $$"""{"tags": [{"name": "t{{random.Next(5)}}"}]}"""),
                        _ => await writerApi.PostJsonAsync("api/tickets", """
                            {"customer": {"email": "late@example.com"}, "messages": [{"channel": "api", "via": "api", "from_agent": false, "body_text": "late"}]}
                            """),
                    };
                    answer.Status.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Created);
                    if (Interlocked.Increment(ref writes) == 3)
                    {
                        underWay.SetResult();
                    }
                }
            },
            Ct);
        await underWay.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var pages = new List<JsonObject> { first.Object };
        var seen = first.Object["data"]!.AsArray().Select(t => t!.Id()).ToList();
        while (pages[^1]["meta"]!["next_cursor"]?.GetValue<string>() is { } cursor)
        {
            var page = await api.GetJsonAsync($"{url}&cursor={Uri.EscapeDataString(cursor)}");
            page.Status.ShouldBe(HttpStatusCode.OK, page.Text);
            pages.Add(page.Object);
            seen.AddRange(page.Object["data"]!.AsArray().Select(t => t!.Id()));
        }

        await stop.CancelAsync();
        await writer;

        seen.Count.ShouldBe(seen.Distinct().Count(), "a ticket appeared twice");
        existing.Except(seen).ShouldBeEmpty("tickets that existed before the walk were missed");
        seen.Except(existing).ShouldBeEmpty("the walk reads the snapshot taken at its first page");
        lock (state.Sync)
        {
            state.Tickets.Count.ShouldBeGreaterThan(TicketCount, "the writer created tickets during the walk");
        }
        pages.Count.ShouldBe((TicketCount + 6) / 7);
        pages[0]["meta"]!["prev_cursor"].ShouldBeNull();
        pages[^1]["meta"]!["next_cursor"].ShouldBeNull();
        pages.Skip(1).ShouldAllBe(p => p["meta"]!["prev_cursor"] != null);

        // prev_cursor walks back to the very first page.
        var back = new List<long>();
        var current = pages[^1];
        while (current["meta"]!["prev_cursor"]?.GetValue<string>() is { } prev)
        {
            var page = await api.GetJsonAsync($"{url}&cursor={Uri.EscapeDataString(prev)}");
            page.Status.ShouldBe(HttpStatusCode.OK, page.Text);
            current = page.Object;
            back.InsertRange(0, current["data"]!.AsArray().Select(t => t!.Id()));
        }

        back.ShouldBe(seen.Take(seen.Count - pages[^1]["data"]!.AsArray().Count));
    }

    [Fact]
    public async Task Refuse_an_expired_cursor_with_a_clear_400()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var sandbox = await TicketApi.StartUnlimitedAsync(clock, o => o.CursorLifetime = TimeSpan.FromMinutes(2));
        var account = await sandbox.NewAccountAsync();
        using var api = account.AdminApi();
        for (var i = 0; i < 3; i++)
        {
            await api.CreateTicketAsync($"c{i}@example.com");
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await api.GetJsonAsync("api/tickets?limit=1");
        var cursor = first.Object["meta"]!["next_cursor"]!.GetValue<string>();
        clock.Advance(TimeSpan.FromSeconds(90));
        var fresh = await api.GetJsonAsync($"api/tickets?limit=1&cursor={Uri.EscapeDataString(cursor)}");
        var freshCursor = fresh.Object["meta"]!["next_cursor"]!.GetValue<string>();
        clock.Advance(TimeSpan.FromSeconds(121));
        var expired = await api.GetJsonAsync($"api/tickets?limit=1&cursor={Uri.EscapeDataString(freshCursor)}");

        fresh.Status.ShouldBe(HttpStatusCode.OK);
        expired.Status.ShouldBe(HttpStatusCode.BadRequest);
        expired.Json!["error"]!.Str("msg").ShouldContain("expired");
        expired.ErrorData!.ShouldContainKey("cursor");
    }

    [Fact]
    public async Task Refuse_a_tampered_cursor_and_a_cursor_of_another_list()
    {
        await using var sandbox = await TicketApi.StartUnlimitedAsync();
        var account = await sandbox.NewAccountAsync();
        using var api = account.AdminApi();
        await api.CreateTicketAsync("a@example.com");
        await api.CreateTicketAsync("b@example.com");

        var first = await api.GetJsonAsync("api/tickets?limit=1");
        var cursor = first.Object["meta"]!["next_cursor"]!.GetValue<string>();
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? 'B' : 'A') + cursor[^1];
        var garbage = await api.GetJsonAsync("api/tickets?cursor=not-a-cursor");
        var flipped = await api.GetJsonAsync($"api/tickets?limit=1&cursor={Uri.EscapeDataString(tampered)}");
        var otherList = await api.GetJsonAsync($"api/events?limit=1&cursor={Uri.EscapeDataString(cursor)}");

        garbage.Status.ShouldBe(HttpStatusCode.BadRequest);
        flipped.Status.ShouldBe(HttpStatusCode.BadRequest);
        flipped.ErrorData!.ShouldContainKey("cursor");
        otherList.Status.ShouldBe(HttpStatusCode.BadRequest);
    }
}
