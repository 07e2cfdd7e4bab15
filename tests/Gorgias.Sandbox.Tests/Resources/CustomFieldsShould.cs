using System.Net;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Resources;

public sealed class CustomFieldsShould(SandboxFixture fixture)
{
    private const string Dropdown = """
        {"label": "Contact reason", "object_type": "Ticket", "description": "Why they wrote", "required": true, "priority": 3,
         "definition": {"data_type": "text", "input_settings": {"input_type": "dropdown", "choices": ["Order", "Return"], "default": "Order"}}}
        """;

    [Fact]
    public async Task Create_fields_of_each_data_type_in_the_Gorgias_shape()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var dropdown = (await api.PostJsonAsync("api/custom-fields", Dropdown)).ShouldHave(HttpStatusCode.Created);
        var number = await api.PostJsonAsync("api/custom-fields", """
            {"label": "Order value", "object_type": "Customer", "definition": {"data_type": "number", "input_settings": {"input_type": "input_number", "min": 0, "max": 10000}}}
            """);
        var flag = await api.PostJsonAsync("api/custom-fields", """
            {"label": "VIP", "object_type": "Customer", "definition": {"data_type": "boolean", "input_settings": {"input_type": "dropdown", "choices": [true, false]}}}
            """);
        var text = await api.PostJsonAsync("api/custom-fields", """
            {"label": "Notes", "object_type": "Ticket", "definition": {"data_type": "text", "input_settings": {"input_type": "input", "placeholder": "Type"}}}
            """);

        var f = dropdown.Object;
        f.ShouldHaveKeys("created_datetime", "deactivated_datetime", "definition", "description", "id", "label", "managed_type", "object_type",
            "priority", "required", "updated_datetime", "uri");
        f["definition"]!["data_type"]!.GetValue<string>().ShouldBe("text");
        f["definition"]!["input_settings"]!["input_type"]!.GetValue<string>().ShouldBe("dropdown");
        f["definition"]!["input_settings"]!["choices"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["Order", "Return"]);
        f["required"]!.GetValue<bool>().ShouldBeTrue();
        f["priority"]!.GetValue<int>().ShouldBe(3);
        f["deactivated_datetime"].ShouldBeNull();
        f["managed_type"].ShouldBeNull();
        f["created_datetime"].ShouldBeGorgiasDatetime();
        f["uri"]!.GetValue<string>().ShouldBe($"/api/custom-fields/{dropdown.Id}/");
        number.ShouldHave(HttpStatusCode.Created).Object["definition"]!["input_settings"]!["max"]!.GetValue<int>().ShouldBe(10000);
        flag.ShouldHave(HttpStatusCode.Created).Object["definition"]!["data_type"]!.GetValue<string>().ShouldBe("boolean");
        text.ShouldHave(HttpStatusCode.Created).Object["required"]!.GetValue<bool>().ShouldBeFalse();
        (await api.GetJsonAsync($"api/custom-fields/{dropdown.Id}")).Raw.ShouldBe(dropdown.Raw);
    }

    [Fact]
    public async Task List_the_fields_of_one_object_type_which_is_required()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticketField = (await api.PostJsonAsync("api/custom-fields", Dropdown)).Id;
        var customerField = (await api.PostJsonAsync("api/custom-fields", """
            {"label": "Tier", "object_type": "Customer", "definition": {"data_type": "text", "input_settings": {"input_type": "input"}}}
            """)).Id;

        var tickets = await api.WalkAsync("api/custom-fields?object_type=Ticket&limit=1");
        var customers = await api.WalkAsync("api/custom-fields?object_type=Customer");

        tickets.Select(f => f["id"]!.GetValue<long>()).ShouldContain(ticketField);
        tickets.Select(f => f["id"]!.GetValue<long>()).ShouldNotContain(customerField);
        tickets.ShouldAllBe(f => f["object_type"]!.GetValue<string>() == "Ticket");
        customers.Select(f => f["id"]!.GetValue<long>()).ShouldContain(customerField);
        (await api.GetJsonAsync("api/custom-fields")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("object_type").ShouldBe(["Missing data for required field."]);
        (await api.GetJsonAsync("api/custom-fields?object_type=ticket")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("object_type").ShouldNotBeEmpty();
        (await api.GetJsonAsync("api/custom-fields?object_type=Ticket&label=x")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("label").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Reject_invalid_definitions_with_a_message_per_field()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var missing = await api.PostJsonAsync("api/custom-fields", "{}");
        var bad = await api.PostJsonAsync("api/custom-fields", """
            {"label": "", "object_type": "Order", "priority": 9000, "required": "yes",
             "definition": {"data_type": "text", "input_settings": {"input_type": "dropdown", "choices": ["A", "A", 3]}}}
            """);
        var wrongInput = await api.PostJsonAsync("api/custom-fields", """
            {"label": "N", "object_type": "Ticket", "definition": {"data_type": "number", "input_settings": {"input_type": "input", "min": 5, "max": 1}}}
            """);
        var badRange = await api.PostJsonAsync("api/custom-fields", """
            {"label": "N", "object_type": "Ticket", "definition": {"data_type": "number", "input_settings": {"input_type": "input_number", "min": 5, "max": 1}}}
            """);
        var badType = await api.PostJsonAsync("api/custom-fields", """
            {"label": "N", "object_type": "Ticket", "definition": {"data_type": "date", "input_settings": {}}}
            """);

        missing.ShouldHave(HttpStatusCode.BadRequest);
        missing.FieldErrors("label").ShouldBe(["Missing data for required field."]);
        missing.FieldErrors("object_type").ShouldBe(["Missing data for required field."]);
        missing.FieldErrors("definition").ShouldBe(["Missing data for required field."]);
        bad.ShouldHave(HttpStatusCode.BadRequest);
        bad.FieldErrors("label").ShouldNotBeEmpty();
        bad.FieldErrors("object_type").ShouldNotBeEmpty();
        bad.FieldErrors("priority").ShouldNotBeEmpty();
        bad.FieldErrors("required").ShouldNotBeEmpty();
        bad.FieldErrors("definition.input_settings.choices.1").ShouldNotBeEmpty();
        bad.FieldErrors("definition.input_settings.choices.2").ShouldNotBeEmpty();
        wrongInput.ShouldHave(HttpStatusCode.BadRequest).FieldErrors("definition.input_settings.input_type").ShouldNotBeEmpty();
        badRange.ShouldHave(HttpStatusCode.BadRequest).FieldErrors("definition.input_settings.min").ShouldNotBeEmpty();
        badType.ShouldHave(HttpStatusCode.BadRequest).FieldErrors("definition.data_type").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Update_a_field_and_deactivate_it()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var id = (await api.PostJsonAsync("api/custom-fields", Dropdown)).Id;

        var partial = await api.PutJsonAsync($"api/custom-fields/{id}", """{"label": "Reason"}""");
        var moved = await api.PutJsonAsync($"api/custom-fields/{id}", """
            {"label": "Reason", "object_type": "Customer", "definition": {"data_type": "text", "input_settings": {"input_type": "input"}}}
            """);
        var updated = await api.PutJsonAsync($"api/custom-fields/{id}", """
            {"label": "Reason", "object_type": "Ticket", "deactivated_datetime": "2024-06-01T00:00:00+00:00",
             "definition": {"data_type": "text", "input_settings": {"input_type": "dropdown", "choices": ["Order", "Return", "Other"]}}}
            """);

        partial.ShouldHave(HttpStatusCode.BadRequest).FieldErrors("definition").ShouldBe(["Missing data for required field."]);
        moved.ShouldHave(HttpStatusCode.BadRequest).FieldErrors("object_type").ShouldNotBeEmpty();
        updated.ShouldHave(HttpStatusCode.OK);
        updated.Object["label"]!.GetValue<string>().ShouldBe("Reason");
        updated.Object["required"]!.GetValue<bool>().ShouldBeTrue();
        updated.Object["deactivated_datetime"]!.GetValue<string>().ShouldBe("2024-06-01T00:00:00.000000+00:00");
        updated.Object["definition"]!["input_settings"]!["choices"]!.AsArray().Count.ShouldBe(3);
        (await api.PutJsonAsync("api/custom-fields/1", Dropdown)).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reorder_fields_in_bulk()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var a = (await api.PostJsonAsync("api/custom-fields", Dropdown)).Id;
        var b = (await api.PostJsonAsync("api/custom-fields", Dropdown)).Id;

        var reordered = await api.PutJsonAsync("api/custom-fields", $$"""[{"id": {{a}}, "priority": 2}, {"id": {{b}}, "priority": 1}]""");
        var unknown = await api.PutJsonAsync("api/custom-fields", $$"""[{"id": {{a}}, "priority": 5}, {"id": 1, "priority": 1}]""");

        reordered.ShouldHave(HttpStatusCode.OK);
        reordered.Object["data"]!.AsArray().Select(f => f!["priority"]!.GetValue<int>()).ShouldBe([2, 1]);
        unknown.ShouldHave(HttpStatusCode.BadRequest).FieldErrors("1.id").ShouldNotBeEmpty();
        (await api.GetJsonAsync($"api/custom-fields/{a}")).Object["priority"]!.GetValue<int>().ShouldBe(2);
        (await api.PutJsonAsync("api/custom-fields", """{"id": 1}""")).ShouldHave(HttpStatusCode.BadRequest);
        (await api.PutJsonAsync("api/custom-fields", "[]")).ShouldHave(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Need_the_custom_fields_scope()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var reader = account.OAuthApi("custom_fields:read");
        using var other = account.OAuthApi("tickets:write");

        (await reader.GetJsonAsync("api/custom-fields?object_type=Ticket")).ShouldHave(HttpStatusCode.OK);
        (await reader.PostJsonAsync("api/custom-fields", Dropdown)).ShouldHave(HttpStatusCode.Forbidden);
        (await other.GetJsonAsync("api/custom-fields?object_type=Ticket")).ShouldHave(HttpStatusCode.Forbidden);
    }
}
