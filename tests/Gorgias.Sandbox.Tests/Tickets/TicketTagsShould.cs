using System.Net;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Tickets;

/// <summary>Tags on tickets and the tags resource (reference §2.4).</summary>
public sealed class TicketTagsShould(SandboxFixture fixture)
{
    [Fact]
    public async Task Add_with_201_replace_with_202_and_remove_with_204_all_with_empty_bodies()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();
        var url = $"api/tickets/{ticket.Id()}/tags";
        var existing = await api.PostJsonAsync("api/tags", """{"name": "existing"}""");

        var added = await api.PostJsonAsync(url, $$"""{"ids": [{{existing.Object.Id()}}], "names": ["refund", "Refund"]}""");
        var afterAdd = await api.GetJsonAsync(url);
        var replaced = await api.PutJsonAsync(url, """{"names": ["urgent"]}""");
        var afterReplace = await api.GetJsonAsync(url);
        var removed = await api.DeleteJsonAsync(url, """{"names": ["urgent", "never-existed"]}""");
        var afterRemove = await api.GetJsonAsync(url);

        added.Status.ShouldBe(HttpStatusCode.Created);
        added.Text.ShouldBeEmpty();
        afterAdd.Object.Str("object").ShouldBe("list");
        afterAdd.Object.Str("uri").ShouldBe($"/api/tickets/{ticket.Id()}/tags");
        afterAdd.Object["data"]!.AsArray().Select(t => t!.Str("name")).ShouldBe(["existing", "refund", "Refund"]);
        replaced.Status.ShouldBe(HttpStatusCode.Accepted);
        replaced.Text.ShouldBeEmpty();
        afterReplace.Object["data"]!.AsArray().Select(t => t!.Str("name")).ShouldBe(["urgent"]);
        afterReplace.Object["data"]![0]!["usage"]!.GetValue<int>().ShouldBe(1);
        removed.Status.ShouldBe(HttpStatusCode.NoContent);
        removed.Text.ShouldBeEmpty();
        afterRemove.Object["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Refuse_unknown_tag_ids_and_empty_requests()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();
        var url = $"api/tickets/{ticket.Id()}/tags";

        var unknownId = await api.PostJsonAsync(url, """{"ids": [424242]}""");
        var nothing = await api.PostJsonAsync(url, """{}""");
        var unknownField = await api.PostJsonAsync(url, """{"tags": ["x"]}""");
        var removeUnknown = await api.DeleteJsonAsync(url, """{"ids": [424242]}""");
        var unknownTicket = await api.PostJsonAsync("api/tickets/1/tags", """{"names": ["x"]}""");

        unknownId.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownId.ErrorData!["ids"]![0]!.GetValue<string>().ShouldContain("424242");
        nothing.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownField.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownField.ErrorData!.ShouldContainKey("tags");
        removeUnknown.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownTicket.Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetJsonAsync(url)).Object["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Change_nothing_for_a_no_op_tag_write()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync(extra: """ "tags": [{"name": "kept"}], """);
        var url = $"api/tickets/{ticket.Id()}/tags";
        var eventsBefore = (await api.WalkAsync("api/events?limit=100")).Count;

        var add = await api.PostJsonAsync(url, """{"names": ["kept"]}""");
        var replace = await api.PutJsonAsync(url, """{"names": ["kept"]}""");
        var remove = await api.DeleteJsonAsync(url, """{"names": ["absent"]}""");
        var after = await api.GetJsonAsync($"api/tickets/{ticket.Id()}");
        var eventsAfter = (await api.WalkAsync("api/events?limit=100")).Count;

        add.Status.ShouldBe(HttpStatusCode.Created);
        replace.Status.ShouldBe(HttpStatusCode.Accepted);
        remove.Status.ShouldBe(HttpStatusCode.NoContent);
        after.Object.Str("updated_datetime").ShouldBe(ticket.Str("updated_datetime"));
        eventsAfter.ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task Create_get_update_and_delete_tags_with_usage_counts()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var created = await api.PostJsonAsync("api/tags", """{"name": "Damaged", "description": "Item arrived broken", "decoration": {"color": "#F58D86"}}""");
        var tagId = created.Object.Id();
        var duplicate = await api.PostJsonAsync("api/tags", """{"name": "Damaged"}""");
        var otherCase = await api.PostJsonAsync("api/tags", """{"name": "damaged"}""");
        var noName = await api.PostJsonAsync("api/tags", """{"description": "x"}""");
        var tooLong = await api.PostJsonAsync("api/tags", $$"""{"name": "{{new string('n', 257)}}"}""");
        await api.CreateTicketAsync(extra: $$""" "tags": [{"id": {{tagId}}}], """);
        await api.CreateTicketAsync("b@example.com", $$""" "tags": [{"id": {{tagId}}}], """);
        var got = await api.GetJsonAsync($"api/tags/{tagId}");
        var updated = await api.PutJsonAsync($"api/tags/{tagId}", """{"name": "Broken", "decoration": null}""");
        var renameClash = await api.PutJsonAsync($"api/tags/{tagId}", """{"name": "damaged"}""");
        var searched = await api.WalkAsync("api/tags?search=BROK");
        var deleted = await api.DeleteJsonAsync($"api/tags/{tagId}");
        var gone = await api.GetJsonAsync($"api/tags/{tagId}");
        var tickets = await api.WalkAsync("api/tickets");

        created.Status.ShouldBe(HttpStatusCode.Created);
        created.Object.Str("name").ShouldBe("Damaged");
        created.Object["decoration"]!.Str("color").ShouldBe("#F58D86");
        created.Object["usage"]!.GetValue<int>().ShouldBe(0);
        created.Object.Str("uri").ShouldBe($"/api/tags/{tagId}/");
        duplicate.Status.ShouldBe(HttpStatusCode.Conflict);
        duplicate.ErrorData!.ShouldContainKey("name");
        otherCase.Status.ShouldBe(HttpStatusCode.Created);
        noName.Status.ShouldBe(HttpStatusCode.BadRequest);
        noName.ErrorData!["name"]![0]!.GetValue<string>().ShouldBe("Missing data for required field.");
        tooLong.Status.ShouldBe(HttpStatusCode.BadRequest);
        got.Object["usage"]!.GetValue<int>().ShouldBe(2);
        updated.Status.ShouldBe(HttpStatusCode.Accepted);
        updated.Object.Str("name").ShouldBe("Broken");
        updated.Object["decoration"].ShouldBeNull();
        renameClash.Status.ShouldBe(HttpStatusCode.Conflict);
        searched.Select(t => t.Id()).ShouldBe([tagId]);
        deleted.Status.ShouldBe(HttpStatusCode.NoContent);
        gone.Status.ShouldBe(HttpStatusCode.NotFound);
        tickets.ShouldAllBe(t => t["tags"]!.AsArray().Count == 0);
    }

    [Fact]
    public async Task Merge_tags_into_a_destination_and_bulk_delete_tags()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var both = await api.CreateTicketAsync(extra: """ "tags": [{"name": "refund"}, {"name": "refunds"}], """);
        var one = await api.CreateTicketAsync("b@example.com", """ "tags": [{"name": "rfnd"}, {"name": "other"}], """);
        var ids = (await api.WalkAsync("api/tags")).ToDictionary(t => t.Str("name"), t => t.Id());

        var merged = await api.PutJsonAsync($"api/tags/{ids["refund"]}/merge", $$"""{"source_tags_ids": [{{ids["refunds"]}}, {{ids["rfnd"]}}]}""");
        var self = await api.PutJsonAsync($"api/tags/{ids["refund"]}/merge", $$"""{"source_tags_ids": [{{ids["refund"]}}]}""");
        var bothAfter = await api.GetJsonAsync($"api/tickets/{both.Id()}");
        var oneAfter = await api.GetJsonAsync($"api/tickets/{one.Id()}");
        var bulkUnknown = await api.DeleteJsonAsync("api/tags", """{"ids": [1]}""");
        var bulk = await api.DeleteJsonAsync("api/tags", $$"""{"ids": [{{ids["refund"]}}, {{ids["other"]}}]}""");
        var remaining = await api.WalkAsync("api/tags");

        merged.Status.ShouldBe(HttpStatusCode.Accepted);
        merged.Object.Id().ShouldBe(ids["refund"]);
        merged.Object["usage"]!.GetValue<int>().ShouldBe(2);
        self.Status.ShouldBe(HttpStatusCode.BadRequest);
        bothAfter.Object["tags"]!.AsArray().Select(t => t!.Str("name")).ShouldBe(["refund"]);
        oneAfter.Object["tags"]!.AsArray().Select(t => t!.Str("name")).ShouldBe(["refund", "other"]);
        bulkUnknown.Status.ShouldBe(HttpStatusCode.BadRequest);
        bulk.Status.ShouldBe(HttpStatusCode.NoContent);
        remaining.Select(t => t.Str("name")).ShouldNotContain("refund");
        remaining.Select(t => t.Str("name")).ShouldNotContain("refunds");
        remaining.Select(t => t.Str("name")).ShouldNotContain("other");
    }
}
