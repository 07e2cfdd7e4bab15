using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Webhooks;

public sealed class WebhookRenderingShould(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The captured Gorgias payload (copied from the reference samples next to this file).</summary>
    private static JsonObject Sample([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(source)!, "ticket-webhook-payload.json")))!.AsObject();

    private static string[] Keys(JsonNode? node) => [.. node!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Send_the_whole_ticket_with_the_sample_payload_keys_for_ticket_created()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await ApiIntegrations.CreateAsync(api, receiver.Url(), JsonValue.Create("{{ticket}}"));

        var ticketId = StoreTickets.Create(account.Sandbox, account.Domain);
        var body = (await receiver.WaitForCountAsync(1))[0].Json;

        var sample = Sample();
        body["id"]!.GetValue<long>().ShouldBe(ticketId);
        body["account"]!["domain"]!.GetValue<string>().ShouldBe(account.Domain);
        Keys(body).ShouldBe(Keys(sample));
        Keys(body["customer"]).ShouldBe(Keys(sample["customer"]));
        Keys(body["messages"]![0]).ShouldBe(Keys(sample["messages"]![0]));
        Keys(body["first_message"]).ShouldBe(Keys(sample["first_message"]));
        Keys(body["last_message"]).ShouldBe(Keys(sample["last_message"]));
        Keys(body["assignee_user"]).ShouldBe(Keys(sample["assignee_user"]));
    }

    [Fact]
    public async Task Wrap_the_ticket_and_the_message_in_the_context()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await ApiIntegrations.CreateAsync(api, receiver.Url("created"), JsonValue.Create("{{context}}"), "ticket-created");
        await ApiIntegrations.CreateAsync(api, receiver.Url("message"), JsonValue.Create("{{ context }}"), "ticket-message-created");

        var ticketId = StoreTickets.Create(account.Sandbox, account.Domain);
        var created = (await receiver.WaitForCountAsync(1, "created"))[0].Json;
        var messageId = StoreTickets.AddAgentReply(account.Sandbox, account.Domain, ticketId, "We shipped it today.");
        var message = (await receiver.WaitForCountAsync(1, "message")).First(r => r.Path == "/message").Json;

        Keys(created).ShouldBe(["ticket"]);
        created["ticket"]!["id"]!.GetValue<long>().ShouldBe(ticketId);
        Keys(message).ShouldBe(["message", "ticket"]);
        message["message"]!["id"]!.GetValue<long>().ShouldBe(messageId);
        message["message"]!["body_text"]!.GetValue<string>().ShouldBe("We shipped it today.");
        message["ticket"]!["messages"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Render_a_form_object_with_typed_values_paths_indexes_and_filters()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var form = new JsonObject
        {
            ["id"] = "{{ticket.id}}",
            ["email"] = "{{ ticket.customer.email }}",
            ["first"] = "{{ticket.messages[0].body_text}}",
            ["last_upper"] = "{{ticket.messages[-1].body_text | upper}}",
            ["channel_key"] = "{{ticket.reply_options['internal-note'].answerable}}",
            ["missing"] = "{{ticket.no_such_field}}",
            ["missing_text"] = "[{{ticket.no_such_field.deeper}}]",
            ["fallback"] = "{{ticket.no_such_field | default(\"none\")}}",
            ["lower"] = "{{ticket.subject|lower}}",
            ["day"] = "{{ticket.created_datetime | datetime_format(\"%Y-%m-%d\")}}",
            ["mixed"] = "Ticket #{{ticket.id}} from {{ticket.customer.name}}",
            ["customer"] = "{{ticket.customer}}",
            ["subject_json"] = "{{ticket.subject|tojson}}",
            ["nested"] = new JsonObject { ["spam"] = "{{ticket.spam}}", ["tags"] = "{{ticket.tags|length}}" },
            ["constant"] = 7,
        };
        await ApiIntegrations.CreateAsync(api, receiver.Url(), form);

        var ticketId = StoreTickets.Create(account.Sandbox, account.Domain, subject: "Where Is My Order?", body: "Parcel lost");
        var request = (await receiver.WaitForCountAsync(1))[0];
        var body = request.Json;

        request.ContentType.ShouldBe("application/json");
        body["id"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.Number);
        body["id"]!.GetValue<long>().ShouldBe(ticketId);
        body["email"]!.GetValue<string>().ShouldBe("jane.doe@example.com");
        body["first"]!.GetValue<string>().ShouldBe("Parcel lost");
        body["last_upper"]!.GetValue<string>().ShouldBe("PARCEL LOST");
        body["channel_key"]!.GetValue<bool>().ShouldBeTrue();
        body.AsObject().ContainsKey("missing").ShouldBeTrue();
        body["missing"].ShouldBeNull();
        body["missing_text"]!.GetValue<string>().ShouldBe("[]");
        body["fallback"]!.GetValue<string>().ShouldBe("none");
        body["lower"]!.GetValue<string>().ShouldBe("where is my order?");
        var created = await ApiCreatedDatetime(account, ticketId);
        body["day"]!.GetValue<string>().ShouldBe(created[..10]);
        body["mixed"]!.GetValue<string>().ShouldBe($"Ticket #{ticketId} from Jane Doe");
        body["customer"]!["email"]!.GetValue<string>().ShouldBe("jane.doe@example.com");
        body["subject_json"]!.GetValue<string>().ShouldBe("Where Is My Order?");
        body["nested"]!["spam"]!.GetValue<bool>().ShouldBeFalse();
        body["nested"]!["tags"]!.GetValue<int>().ShouldBe(0);
        body["constant"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public async Task Support_comments_whitespace_control_keyword_arguments_and_literals()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var form = new JsonObject
        {
            ["trimmed"] = "  {{- ticket.id -}}  ",
            ["commented"] = "{# not sent #}{{ ticket.channel }}",
            ["keyword"] = "{{ ticket.language | default('en', boolean=true) }}",
            ["year"] = "{{ ticket.created_datetime | datetime_format(format='%Y') }}",
            ["count"] = "{{ ticket.messages | length }}",
            ["last_sender"] = "{{ ticket.messages | last }}",
            ["literal"] = "{{ 'plain' | upper }}",
            ["key_index"] = "{{ ticket['customer']['email'] }}",
        };
        await ApiIntegrations.CreateAsync(api, receiver.Url(), form);

        var ticketId = StoreTickets.Create(account.Sandbox, account.Domain);
        var body = (await receiver.WaitForCountAsync(1))[0].Json;

        body["trimmed"]!.GetValue<long>().ShouldBe(ticketId);
        body["commented"]!.GetValue<string>().ShouldBe("email");
        body["keyword"]!.GetValue<string>().ShouldBe("en");
        body["year"]!.GetValue<string>().ShouldMatch(@"^\d{4}$");
        body["count"]!.GetValue<int>().ShouldBe(1);
        body["last_sender"]!["body_text"]!.GetValue<string>().ShouldBe("Hello, my order has not arrived.");
        body["literal"]!.GetValue<string>().ShouldBe("PLAIN");
        body["key_index"]!.GetValue<string>().ShouldBe("jane.doe@example.com");
    }

    [Fact]
    public async Task Escape_values_in_a_json_body_template_string()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await ApiIntegrations.CreateAsync(
            api,
            receiver.Url(),
            JsonValue.Create("{\"id\": {{ticket.id}}, \"subject\": \"{{ticket.subject}}\", \"assignee_team\": {{ticket.assignee_team_id}}, \"when\": \"{{ticket.created_datetime|datetime_format('%d/%m/%Y %H:%M')}}\"}"));

        var ticketId = StoreTickets.Create(account.Sandbox, account.Domain, subject: "He said \"where\" \\ is it?\nThanks");
        var body = (await receiver.WaitForCountAsync(1))[0].Json;

        body["id"]!.GetValue<long>().ShouldBe(ticketId);
        body["subject"]!.GetValue<string>().ShouldBe("He said \"where\" \\ is it?\nThanks");
        body["assignee_team"].ShouldBeNull();
        body["when"]!.GetValue<string>().ShouldMatch(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$");
    }

    [Fact]
    public async Task Send_a_form_object_url_encoded()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await ApiIntegrations.CreateAsync(api, new JsonObject
        {
            ["name"] = "Form hook",
            ["type"] = "http",
            ["http"] = new JsonObject
            {
                ["url"] = receiver.Url(),
                ["method"] = "POST",
                ["request_content_type"] = "application/x-www-form-urlencoded",
                ["form"] = new JsonObject { ["ticket_id"] = "{{ticket.id}}", ["subject"] = "{{ticket.subject}}", ["email"] = "{{ticket.customer.email}}" },
                ["triggers"] = new JsonObject { ["ticket-created"] = true },
            },
        });

        var ticketId = StoreTickets.Create(account.Sandbox, account.Domain, subject: "Refund & return?");
        var request = (await receiver.WaitForCountAsync(1))[0];

        request.ContentType.ShouldBe("application/x-www-form-urlencoded");
        request.Body.ShouldBe($"ticket_id={ticketId}&subject=Refund+%26+return%3F&email=jane.doe%40example.com");
    }

    [Fact]
    public async Task Render_the_url_and_headers_and_send_the_secret_header()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await ApiIntegrations.CreateAsync(api, new JsonObject
        {
            ["name"] = "Templated hook",
            ["type"] = "http",
            ["http"] = new JsonObject
            {
                ["url"] = receiver.Url("tickets/{{ticket.id}}") + "?email={{ticket.customer.email}}&subject={{ticket.subject}}",
                ["method"] = "PUT",
                ["request_content_type"] = "application/json",
                ["headers"] = new JsonObject { ["X-Api-Key"] = "top-secret", ["X-Ticket"] = "{{ticket.id}}", ["X-Channel"] = "{{ticket.channel|upper}}" },
                ["form"] = new JsonObject { ["ok"] = true },
                ["triggers"] = new JsonObject { ["ticket-created"] = true },
            },
        });

        var ticketId = StoreTickets.Create(account.Sandbox, account.Domain, subject: "Size exchange / 42?");
        var request = (await receiver.WaitForCountAsync(1))[0];

        request.Method.ShouldBe("PUT");
        request.Path.ShouldBe($"/tickets/{ticketId}");
        request.Query.ShouldBe("?email=jane.doe%40example.com&subject=Size%20exchange%20%2F%2042%3F");
        request.Header("X-Api-Key").ShouldBe("top-secret");
        request.Header("X-Ticket").ShouldBe(ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Header("X-Channel").ShouldBe("EMAIL");
        request.Header("User-Agent").ShouldBe("Gorgias-Sandbox-Webhooks/1.0");
        request.Body.ShouldBe("{\"ok\":true}");
    }

    [Fact]
    public async Task Put_a_get_form_in_the_query_string()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await ApiIntegrations.CreateAsync(api, new JsonObject
        {
            ["name"] = "Lookup",
            ["type"] = "http",
            ["http"] = new JsonObject
            {
                ["url"] = receiver.Url("lookup"),
                ["method"] = "GET",
                ["form"] = new JsonObject { ["email"] = "{{ticket.customer.email}}" },
                ["triggers"] = new JsonObject { ["ticket-created"] = true },
            },
        });

        StoreTickets.Create(account.Sandbox, account.Domain);
        var request = (await receiver.WaitForCountAsync(1))[0];

        request.Method.ShouldBe("GET");
        request.Query.ShouldBe("?email=jane.doe%40example.com");
        request.Body.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deliver_only_the_triggers_an_integration_listens_to()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await ApiIntegrations.CreateAsync(api, receiver.Url(), JsonValue.Create("{\"trigger\": \"message\", \"id\": {{message.id}}}"), "ticket-message-created");

        var ticketId = StoreTickets.Create(account.Sandbox, account.Domain);
        var messageId = StoreTickets.AddAgentReply(account.Sandbox, account.Domain, ticketId, "On its way");
        var requests = await receiver.WaitForCountAsync(1);

        // The integration's deliveries go out in trigger order: had ticket-created matched, it would have come first.
        requests[0].Json["id"]!.GetValue<long>().ShouldBe(messageId);
    }

    private static async Task<string> ApiCreatedDatetime(TestAccount account, long ticketId)
    {
        using var api = account.AdminApi();
        var ticket = await api.GetFromJsonAsync<JsonObject>($"api/tickets/{ticketId}", Ct);
        return ticket!["created_datetime"]!.GetValue<string>();
    }
}
