using System.Net;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Resources;

public sealed class CustomersShould(SandboxFixture fixture)
{
    [Fact]
    public async Task Create_a_customer_with_every_documented_field_in_the_Gorgias_shape()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var created = await api.PostJsonAsync("api/customers", """
            {"email": "ana@shop.example", "name": "Ana Lima", "external_id": "shopify-17", "language": "pt",
             "timezone": "America/Sao_Paulo", "note": "VIP", "channels": [{"type": "phone", "address": "+5511999", "preferred": true}],
             "data": {"orders": 3}, "meta": {"source": "import"}}
            """);

        created.ShouldHave(HttpStatusCode.Created);
        var c = created.Object;
        c.ShouldHaveKeys("channels", "created_datetime", "customer", "data", "email", "external_id", "firstname", "id", "integrations",
            "language", "lastname", "meta", "name", "note", "timezone", "updated_datetime", "uri");
        c["email"]!.GetValue<string>().ShouldBe("ana@shop.example");
        c["firstname"]!.GetValue<string>().ShouldBe("Ana");
        c["lastname"]!.GetValue<string>().ShouldBe("Lima");
        c["language"]!.GetValue<string>().ShouldBe("pt");
        c["timezone"]!.GetValue<string>().ShouldBe("America/Sao_Paulo");
        c["data"]!["orders"]!.GetValue<int>().ShouldBe(3);
        c["meta"]!["source"]!.GetValue<string>().ShouldBe("import");
        c["customer"].ShouldBeNull();
        c["uri"]!.GetValue<string>().ShouldBe($"/api/customers/{created.Id}/");
        c["created_datetime"].ShouldBeGorgiasDatetime();
        c["updated_datetime"].ShouldBeGorgiasDatetime();
        var channels = c["channels"]!.AsArray();
        channels.Select(ch => ch!["type"]!.GetValue<string>()).ShouldBe(["phone", "email"], ignoreOrder: true);
        var email = channels.Single(ch => ch!["type"]!.GetValue<string>() == "email")!.AsObject();
        email["address"]!.GetValue<string>().ShouldBe("ana@shop.example");
        email.ShouldHaveKeys("created_datetime", "customer", "deleted_datetime", "id", "preferred", "updated_datetime", "user");

        var read = (await api.GetJsonAsync($"api/customers/{created.Id}")).ShouldHave(HttpStatusCode.OK);
        read.Raw.ShouldBe(created.Raw);
    }

    [Fact]
    public async Task Write_nulls_for_unset_fields_and_default_the_timezone_to_UTC()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var c = (await api.PostJsonAsync("api/customers", "{}")).ShouldHave(HttpStatusCode.Created).Object;

        foreach (var key in new[] { "email", "name", "external_id", "language", "note", "data", "customer" })
        {
            c.ContainsKey(key).ShouldBeTrue(key);
            c[key].ShouldBeNull(key);
        }

        c["timezone"]!.GetValue<string>().ShouldBe("UTC");
        c["channels"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Refuse_a_used_email_with_409_whatever_its_case()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await api.NewCustomerAsync("""{"email": "dup@shop.example"}""");

        var again = await api.PostJsonAsync("api/customers", """{"email": "DUP@Shop.example", "name": "Other"}""");

        again.ShouldHave(HttpStatusCode.Conflict);
        again.Object["error"]!["msg"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        again.FieldErrors("email").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Refuse_changing_the_email_to_one_another_customer_uses_with_409()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await api.NewCustomerAsync("""{"email": "first@shop.example"}""");
        var second = await api.NewCustomerAsync("""{"email": "second@shop.example"}""");

        var taken = await api.PutJsonAsync($"api/customers/{second}", """{"email": "First@shop.example"}""");
        var ownInOtherCase = await api.PutJsonAsync($"api/customers/{second}", """{"email": "SECOND@shop.example"}""");
        var free = await api.PutJsonAsync($"api/customers/{second}", """{"email": "third@shop.example"}""");

        taken.ShouldHave(HttpStatusCode.Conflict).FieldErrors("email").ShouldNotBeEmpty();
        ownInOtherCase.ShouldHave(HttpStatusCode.OK);
        free.ShouldHave(HttpStatusCode.OK).Object["email"]!.GetValue<string>().ShouldBe("third@shop.example");
        (await api.GetJsonAsync("api/customers?email=second@shop.example")).Object["data"]!.AsArray().ShouldBeEmpty();
        (await api.GetJsonAsync("api/customers?email=third@shop.example")).Object["data"]!.AsArray().Single()!["id"]!.GetValue<long>().ShouldBe(second);
        (await api.PostJsonAsync("api/customers", """{"email": "second@shop.example"}""")).ShouldHave(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Update_only_the_fields_sent()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var id = await api.NewCustomerAsync("""{"email": "p@shop.example", "name": "Pat Doe", "note": "keep", "language": "en"}""");

        var updated = (await api.PutJsonAsync($"api/customers/{id}", """{"firstname": "Patricia", "language": null}""")).ShouldHave(HttpStatusCode.OK).Object;

        updated["firstname"]!.GetValue<string>().ShouldBe("Patricia");
        updated["lastname"]!.GetValue<string>().ShouldBe("Doe");
        updated["name"]!.GetValue<string>().ShouldBe("Patricia Doe");
        updated["note"]!.GetValue<string>().ShouldBe("keep");
        updated["language"].ShouldBeNull();
        updated["email"]!.GetValue<string>().ShouldBe("p@shop.example");
        string.CompareOrdinal(updated["updated_datetime"]!.GetValue<string>(), updated["created_datetime"]!.GetValue<string>()).ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task Reject_invalid_fields_with_a_message_per_field()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var answer = await api.PostJsonAsync("api/customers", $$"""
            {"email": "not-an-email", "language": "english", "timezone": "Mars/Olympus", "external_id": "{{new string('x', 256)}}",
             "channels": [{"type": "phone"}], "name": 42, "colour": "red"}
            """);

        answer.ShouldHave(HttpStatusCode.BadRequest);
        answer.FieldErrors("email").ShouldNotBeEmpty();
        answer.FieldErrors("language").ShouldNotBeEmpty();
        answer.FieldErrors("timezone").ShouldNotBeEmpty();
        answer.FieldErrors("external_id").ShouldNotBeEmpty();
        answer.FieldErrors("channels.0.address").ShouldBe(["Missing data for required field."]);
        answer.FieldErrors("name").ShouldBe(["Not a valid string."]);
        answer.FieldErrors("colour").ShouldBe(["Unknown field."]);
        (await api.GetJsonAsync("api/customers?limit=100")).Object["data"]!.AsArray()
            .Any(c => c!["email"]?.GetValue<string>() == "not-an-email").ShouldBeFalse();
    }

    [Fact]
    public async Task Accept_IANA_time_zones_and_ISO_639_1_languages()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        foreach (var zone in new[] { "UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo" })
        {
            (await api.PostJsonAsync("api/customers", $$"""{"timezone": "{{zone}}", "language": "de"}""")).ShouldHave(HttpStatusCode.Created);
        }

        foreach (var zone in new[] { "", "europe/paris", "../../etc/passwd", "Europe/Nowhere", "+01:00" })
        {
            (await api.PostJsonAsync("api/customers", $$"""{"timezone": "{{zone}}"}""")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("timezone").ShouldNotBeEmpty();
        }

        (await api.PostJsonAsync("api/customers", """{"language": "EN"}""")).ShouldHave(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Answer_404_for_unknown_customers()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        (await api.GetJsonAsync("api/customers/1")).ShouldHave(HttpStatusCode.NotFound).Raw.ShouldBe("""{"error":{"msg":"Resource not found."}}""");
        (await api.PutJsonAsync("api/customers/1", "{}")).ShouldHave(HttpStatusCode.NotFound);
        (await api.DeleteJsonAsync("api/customers/1")).ShouldHave(HttpStatusCode.NotFound);
        (await api.GetJsonAsync("api/customers/-5")).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_a_customer_and_leave_its_tickets_pointing_nowhere()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var id = await api.NewCustomerAsync("""{"email": "gone@shop.example"}""");
        var ticketId = account.CreateTicket(id);

        (await api.DeleteJsonAsync($"api/customers/{id}")).ShouldHave(HttpStatusCode.NoContent).Raw.ShouldBeEmpty();

        (await api.GetJsonAsync($"api/customers/{id}")).ShouldHave(HttpStatusCode.NotFound);
        account.Ticket(ticketId).CustomerId.ShouldBe(id);
        var ticket = (await api.GetJsonAsync($"api/tickets/{ticketId}")).ShouldHave(HttpStatusCode.OK).Object;
        ticket.ContainsKey("customer").ShouldBeTrue();
        ticket["customer"].ShouldBeNull();
        (await api.PostJsonAsync("api/customers", """{"email": "gone@shop.example"}""")).ShouldHave(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Bulk_delete_customers_by_ids()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var a = await api.NewCustomerAsync("""{"email": "a@shop.example"}""");
        var b = await api.NewCustomerAsync("""{"email": "b@shop.example"}""");
        var keep = await api.NewCustomerAsync("""{"email": "keep@shop.example"}""");

        (await api.DeleteJsonAsync("api/customers", $$"""{"ids": [{{a}}, {{b}}, 1]}""")).ShouldHave(HttpStatusCode.NoContent);

        (await api.GetJsonAsync($"api/customers/{a}")).ShouldHave(HttpStatusCode.NotFound);
        (await api.GetJsonAsync($"api/customers/{b}")).ShouldHave(HttpStatusCode.NotFound);
        (await api.GetJsonAsync($"api/customers/{keep}")).ShouldHave(HttpStatusCode.OK);
        (await api.DeleteJsonAsync("api/customers", """{"ids": []}""")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("ids").ShouldNotBeEmpty();
        (await api.DeleteJsonAsync("api/customers", """{"ids": ["x"]}""")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("ids.0").ShouldNotBeEmpty();
        (await api.DeleteJsonAsync("api/customers")).ShouldHave(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Merge_two_customers_moving_the_tickets_and_deleting_the_source()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var source = await api.NewCustomerAsync("""{"email": "old@shop.example", "name": "Old Name", "channels": [{"type": "phone", "address": "+331234"}]}""");
        var target = await api.NewCustomerAsync("""{"name": "Target Person", "external_id": "t-1"}""");
        var moved = account.CreateTicket(source);
        var other = account.CreateTicket(target);

        var merged = await api.PutJsonAsync($"api/customers/merge?source_id={source}&target_id={target}", """{"note": "merged by test"}""");

        merged.ShouldHave(HttpStatusCode.OK);
        var m = merged.Object;
        m["id"]!.GetValue<long>().ShouldBe(target);
        m["note"]!.GetValue<string>().ShouldBe("merged by test");
        m["email"]!.GetValue<string>().ShouldBe("old@shop.example");
        m["name"]!.GetValue<string>().ShouldBe("Target Person");
        m["channels"]!.AsArray().Select(c => c!["address"]!.GetValue<string>()).ShouldBe(["+331234", "old@shop.example"], ignoreOrder: true);
        (await api.GetJsonAsync($"api/customers/{source}")).ShouldHave(HttpStatusCode.NotFound);
        account.Ticket(moved).CustomerId.ShouldBe(target);
        account.Ticket(other).CustomerId.ShouldBe(target);
        (await api.GetJsonAsync($"api/tickets/{moved}")).Object["customer"]!["id"]!.GetValue<long>().ShouldBe(target);
        (await api.GetJsonAsync("api/customers?email=old@shop.example")).Object["data"]!.AsArray().Single()!["id"]!.GetValue<long>().ShouldBe(target);
        var mergedEvent = account.EventsFor("Customer", target).Where(e => e.Type == "customer-merged").ShouldHaveSingleItem();
        var deletedEvent = account.EventsFor("Customer", source).Where(e => e.Type == "customer-deleted").ShouldHaveSingleItem();
        deletedEvent.Context.ShouldBe(mergedEvent.Context);
        mergedEvent.Data!["source_id"]!.GetValue<long>().ShouldBe(source);
    }

    [Fact]
    public async Task Refuse_merges_with_bad_ids()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var a = await api.NewCustomerAsync("{}");
        var b = await api.NewCustomerAsync("{}");

        (await api.PutJsonAsync($"api/customers/merge?source_id={a}&target_id={a}", null)).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("source_id").ShouldNotBeEmpty();
        (await api.PutJsonAsync($"api/customers/merge?source_id={a}&target_id=1", null)).ShouldHave(HttpStatusCode.NotFound);
        (await api.PutJsonAsync($"api/customers/merge?source_id={a}", null)).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("target_id").ShouldNotBeEmpty();
        (await api.PutJsonAsync($"api/customers/merge?source_id=x&target_id={b}", null)).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("source_id").ShouldNotBeEmpty();
        (await api.PutJsonAsync($"api/customers/merge?source_id={a}&target_id={b}&force=1", null)).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("force").ShouldNotBeEmpty();
        (await api.PutJsonAsync($"api/customers/merge?source_id={a}&target_id={b}", """{"data": {}}""")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("data").ShouldNotBeEmpty();
        (await api.GetJsonAsync($"api/customers/{a}")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Filter_and_paginate_customers_without_duplicates()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var chatham = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            chatham.Add(await api.NewCustomerAsync($$"""{"email": "c{{i}}@shop.example", "timezone": "Pacific/Auckland", "language": "is", "external_id": "ext-{{i}}"}"""));
        }

        var elsewhere = await api.NewCustomerAsync("""{"email": "x@shop.example", "channels": [{"type": "phone", "address": "+4930123"}], "name": "Xavier Ortiz"}""");

        var walked = await api.WalkAsync("api/customers?timezone=Pacific/Auckland&limit=2&order_by=created_datetime:asc");
        walked.Select(c => c["id"]!.GetValue<long>()).ShouldBe(chatham);
        var firstPage = (await api.GetJsonAsync("api/customers?language=is&limit=2")).Object;
        firstPage["data"]!.AsArray().Count.ShouldBe(2);
        firstPage["meta"]!["prev_cursor"].ShouldBeNull();
        firstPage["meta"]!["next_cursor"].ShouldNotBeNull();
        firstPage["object"]!.GetValue<string>().ShouldBe("list");
        firstPage["uri"]!.GetValue<string>().ShouldBe("/api/customers?language=is&limit=2");
        (await api.WalkAsync("api/customers?external_id=ext-3")).Single()["id"]!.GetValue<long>().ShouldBe(chatham[3]);
        (await api.WalkAsync("api/customers?email=C4@SHOP.EXAMPLE")).Single()["id"]!.GetValue<long>().ShouldBe(chatham[4]);
        (await api.WalkAsync("api/customers?channel_type=phone&channel_address=%2B4930123")).Single()["id"]!.GetValue<long>().ShouldBe(elsewhere);
        (await api.WalkAsync("api/customers?name=xavier%20ortiz")).Single()["id"]!.GetValue<long>().ShouldBe(elsewhere);
        (await api.WalkAsync("api/customers?order_by=updated_datetime:desc&limit=100")).Count.ShouldBeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task Reject_unknown_filters_and_half_channel_filters()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        (await api.GetJsonAsync("api/customers?status=open")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("status").ShouldBe(["Unknown field."]);
        (await api.GetJsonAsync("api/customers?channel_type=email")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("channel_address").ShouldNotBeEmpty();
        (await api.GetJsonAsync("api/customers?order_by=name:asc")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("order_by").ShouldNotBeEmpty();
        (await api.GetJsonAsync("api/customers?limit=101")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("limit").ShouldNotBeEmpty();
        (await api.GetJsonAsync("api/customers/1?colour=red")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("colour").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Set_integration_data_ignoring_older_versions()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var id = await api.NewCustomerAsync("{}");

        var first = await api.PutJsonAsync($"api/customers/{id}/data", """{"data": {"orders": 2}, "version": "2024-05-02T10:00:00+00:00"}""");
        var stale = await api.PutJsonAsync($"api/customers/{id}/data", """{"data": {"orders": 1}, "version": "2024-05-01T10:00:00+00:00"}""");
        var unversioned = await api.PutJsonAsync($"api/customers/{id}/data", """{"data": [1, 2]}""");

        first.ShouldHave(HttpStatusCode.OK).Object["data"]!["orders"]!.GetValue<int>().ShouldBe(2);
        stale.ShouldHave(HttpStatusCode.OK).Object["data"]!["orders"]!.GetValue<int>().ShouldBe(2);
        unversioned.ShouldHave(HttpStatusCode.OK).Object["data"]!.AsArray().Count.ShouldBe(2);
        (await api.PutJsonAsync($"api/customers/{id}/data", """{"version": "2024-01-01"}""")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("data").ShouldNotBeEmpty();
        (await api.PutJsonAsync($"api/customers/{id}/data", """{"data": 1, "version": "soon"}""")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("version").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Keep_custom_field_values_checked_against_their_definitions()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var tier = (await api.PostJsonAsync("api/custom-fields", """
            {"label": "Tier", "object_type": "Customer", "definition": {"data_type": "text", "input_settings": {"input_type": "dropdown", "choices": ["Gold", "Silver"]}}}
            """)).ShouldHave(HttpStatusCode.Created).Id;
        var orders = (await api.PostJsonAsync("api/custom-fields", """
            {"label": "Orders", "object_type": "Customer", "definition": {"data_type": "number", "input_settings": {"input_type": "input_number", "min": 0}}}
            """)).ShouldHave(HttpStatusCode.Created).Id;
        var ticketField = (await api.PostJsonAsync("api/custom-fields", """
            {"label": "Reason", "object_type": "Ticket", "definition": {"data_type": "text", "input_settings": {"input_type": "input"}}}
            """)).ShouldHave(HttpStatusCode.Created).Id;
        var id = await api.NewCustomerAsync($$"""{"custom_fields": [{"id": {{tier}}, "value": "Gold"}]}""");

        var set = await api.PutJsonAsync($"api/customers/{id}/custom-fields", $$"""[{"id": {{orders}}, "value": 4}]""");
        var wrong = await api.PutJsonAsync($"api/customers/{id}/custom-fields", $$"""
            [{"id": {{tier}}, "value": "Bronze"}, {"id": {{orders}}, "value": "four"}, {"id": {{ticketField}}, "value": "x"}, {"id": 1, "value": 1}]
            """);

        set.ShouldHave(HttpStatusCode.OK);
        var values = set.Object["data"]!.AsArray().ToDictionary(v => v!["id"]!.GetValue<long>(), v => v!["value"]!.ToJsonString());
        values.ShouldBe(new Dictionary<long, string> { [tier] = "\"Gold\"", [orders] = "4" }, ignoreOrder: true);
        set.Object["data"]![0]!["field"]!["label"].ShouldNotBeNull();
        wrong.ShouldHave(HttpStatusCode.BadRequest);
        wrong.FieldErrors("custom_fields.0.value").ShouldNotBeEmpty();
        wrong.FieldErrors("custom_fields.1.value").ShouldNotBeEmpty();
        wrong.FieldErrors("custom_fields.2.value").ShouldNotBeEmpty();
        wrong.FieldErrors("custom_fields.3.value").ShouldNotBeEmpty();
        (await api.GetJsonAsync($"api/customers/{id}/custom-fields/{tier}")).ShouldHave(HttpStatusCode.OK).Object["value"]!.GetValue<string>().ShouldBe("Gold");
        (await api.PutJsonAsync($"api/customers/{id}/custom-fields/{tier}", """{"value": "Silver"}""")).ShouldHave(HttpStatusCode.OK);
        var withFields = (await api.GetJsonAsync($"api/customers/{id}?relationships=custom_fields")).ShouldHave(HttpStatusCode.OK).Object;
        withFields["custom_fields"]![tier.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["value"]!.GetValue<string>().ShouldBe("Silver");
        (await api.DeleteJsonAsync($"api/customers/{id}/custom-fields/{tier}")).ShouldHave(HttpStatusCode.NoContent);
        (await api.GetJsonAsync($"api/customers/{id}/custom-fields/{tier}")).ShouldHave(HttpStatusCode.NotFound);
        (await api.GetJsonAsync($"api/customers/{id}/custom-fields")).Object["data"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Record_an_event_for_each_mutation()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var id = await api.NewCustomerAsync("""{"email": "ev@shop.example"}""");
        await api.PutJsonAsync($"api/customers/{id}", """{"note": "n"}""");
        await api.PutJsonAsync($"api/customers/{id}/data", """{"data": {}}""");
        await api.DeleteJsonAsync($"api/customers/{id}");

        var events = account.EventsFor("Customer", id);

        events.Select(e => e.Type).ShouldBe(["customer-created", "customer-updated", "customer-updated", "customer-deleted"]);
        events.ShouldAllBe(e => e.UserId == account.Admin.Id);
    }

    [Fact]
    public async Task Need_the_customers_scope()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var reader = account.OAuthApi("customers:read");
        using var other = account.OAuthApi("tickets:write");
        using var writer = account.OAuthApi("customers:write");

        (await reader.GetJsonAsync("api/customers")).ShouldHave(HttpStatusCode.OK);
        (await reader.PostJsonAsync("api/customers", "{}")).ShouldHave(HttpStatusCode.Forbidden);
        (await other.GetJsonAsync("api/customers")).ShouldHave(HttpStatusCode.Forbidden);
        (await writer.PostJsonAsync("api/customers", "{}")).ShouldHave(HttpStatusCode.Created);
    }
}
