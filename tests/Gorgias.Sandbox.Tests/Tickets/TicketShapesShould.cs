using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Tickets;

/// <summary>Resource shapes checked against the captured Gorgias payload (Samples/ticket-webhook-payload.json).</summary>
public sealed partial class TicketShapesShould(SandboxFixture fixture)
{
    private static readonly string[] WebhookOnlyKeys = ["account", "first_message", "last_message"];

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")]
    private static partial Regex GorgiasDatetime();

    private static JsonObject Sample() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "ticket-webhook-payload.json")))!.AsObject();

    /// <summary>A ticket made like the sample's: an agent's email to a customer, assigned to that agent, no team.</summary>
    private static async Task<JsonObject> CreateSampleLikeTicketAsync(HttpClient api, long agentId)
    {
        var created = await api.PostJsonAsync("api/tickets", $$"""
            {
              "customer": {"email": "test@sample.com"},
              "subject": "test",
              "assignee_user": {"id": {{agentId}}},
              "messages": [{
                "channel": "email", "via": "helpdesk", "from_agent": true,
                "receiver": {"email": "test@sample.com"},
                "body_text": "hello", "body_html": "<div>hello</div>"
              }]
            }
            """);
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        return created.Object;
    }

    [Fact]
    public async Task Give_a_created_ticket_every_key_of_the_sample_with_the_same_kinds()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var created = await CreateSampleLikeTicketAsync(api, account.Admin.Id);

        var fetched = await api.GetJsonAsync($"api/tickets/{created.Id()}");

        fetched.Status.ShouldBe(HttpStatusCode.OK);
        var sample = Sample();
        foreach (var key in WebhookOnlyKeys)
        {
            sample.Remove(key);
        }

        var problems = new List<string>();
        CompareShape(sample, fetched.Object, "ticket", problems);
        problems.ShouldBeEmpty();
        fetched.Object.Str("uri").ShouldBe($"/api/tickets/{created.Id()}/");
    }

    [Fact]
    public async Task Give_messages_exactly_the_key_set_of_the_sample_message()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var created = await CreateSampleLikeTicketAsync(api, account.Admin.Id);
        var reply = await api.PostJsonAsync($"api/tickets/{created.Id()}/messages", """
            {"channel": "email", "via": "api", "from_agent": false, "sender": {"email": "test@sample.com"}, "body_text": "thanks"}
            """);

        var sampleKeys = Sample()["messages"]![0]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        var fetched = await api.GetJsonAsync($"api/tickets/{created.Id()}");
        var single = await api.GetJsonAsync($"api/tickets/{created.Id()}/messages/{reply.Object.Id()}");

        reply.Status.ShouldBe(HttpStatusCode.Created);
        foreach (var message in fetched.Object["messages"]!.AsArray().Append(reply.Json).Append(single.Json))
        {
            message!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToList().ShouldBe(sampleKeys);
        }

        var problems = new List<string>();
        CompareShape(Sample()["messages"]![0]!.AsObject(), fetched.Object["messages"]![0]!.AsObject(), "message", problems);
        problems.ShouldBeEmpty();
        reply.Object.Str("uri").ShouldBe($"/api/tickets/{created.Id()}/messages/{reply.Object.Id()}/");
    }

    [Fact]
    public async Task Write_every_datetime_with_microseconds_and_utc_offset_and_every_uri_with_a_trailing_slash()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var created = await CreateSampleLikeTicketAsync(api, account.Admin.Id);
        await api.PutJsonAsync($"api/tickets/{created.Id()}", """{"status": "closed", "tags": [{"name": "shape"}]}""");

        var bodies = new[]
        {
            (await api.GetJsonAsync($"api/tickets/{created.Id()}")).Json!,
            (await api.GetJsonAsync("api/tickets")).Json!,
            (await api.GetJsonAsync("api/events")).Json!,
            (await api.GetJsonAsync("api/tags")).Json!,
            (await api.GetJsonAsync("api/messages")).Json!,
        };

        var checkedDates = 0;
        foreach (var body in bodies)
        {
            foreach (var (path, value) in Leaves(body, "$"))
            {
                var key = path[(path.LastIndexOf('.') + 1)..];
                if (key.EndsWith("_datetime", StringComparison.Ordinal) && value is not null)
                {
                    value.GetValue<string>().ShouldMatch(GorgiasDatetime().ToString(), path);
                    checkedDates++;
                }

                if (key == "uri" && !path.StartsWith("$.uri", StringComparison.Ordinal))
                {
                    value!.GetValue<string>().ShouldEndWith("/", customMessage: path);
                }
            }
        }

        checkedDates.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task Make_list_items_slimmer_than_the_single_ticket()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var created = await CreateSampleLikeTicketAsync(api, account.Admin.Id);

        var list = await api.GetJsonAsync("api/tickets");
        var item = list.Object["data"]!.AsArray().Single(t => t!.Id() == created.Id())!.AsObject();

        item.ContainsKey("messages").ShouldBeFalse();
        item["messages_count"]!.GetValue<int>().ShouldBe(1);
        item.Str("excerpt").ShouldBe("hello");
        item.Str("uri").ShouldBe($"/api/tickets/{created.Id()}/");
        created.ContainsKey("messages").ShouldBeTrue();
        list.Object.Str("object").ShouldBe("list");
    }

    /// <summary>
    /// Every key of <paramref name="sample"/> must be in <paramref name="actual"/> with the same JSON kind; where the sample
    /// has null the sandbox may have a value (the sample ticket simply had none). Objects are compared recursively,
    /// arrays by their first items.
    /// </summary>
    private static void CompareShape(JsonObject sample, JsonObject actual, string path, List<string> problems)
    {
        foreach (var (key, expected) in sample)
        {
            var where = $"{path}.{key}";
            if (!actual.TryGetPropertyValue(key, out var value))
            {
                problems.Add($"{where} is missing");
                continue;
            }

            if (expected is null)
            {
                continue;
            }

            var expectedKind = expected.GetValueKind();
            var actualKind = value?.GetValueKind() ?? JsonValueKind.Null;
            if (Kind(expectedKind) != Kind(actualKind))
            {
                problems.Add($"{where} is {actualKind}, the sample has {expectedKind}");
                continue;
            }

            if (expected is JsonObject expectedObject)
            {
                CompareShape(expectedObject, value!.AsObject(), where, problems);
            }
            else if (expected is JsonArray { Count: > 0 } expectedArray && value is JsonArray { Count: > 0 } actualArray
                && expectedArray[0] is JsonObject firstExpected && actualArray[0] is JsonObject firstActual)
            {
                CompareShape(firstExpected, firstActual, where + "[0]", problems);
            }
        }
    }

    private static string Kind(JsonValueKind kind) => kind is JsonValueKind.True or JsonValueKind.False ? "bool" : kind.ToString();

    private static IEnumerable<(string Path, JsonNode? Value)> Leaves(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var leaf in Leaves(value, $"{path}.{key}"))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var leaf in Leaves(array[i], $"{path}[{i}]"))
                    {
                        yield return leaf;
                    }
                }

                break;
            default:
                yield return (path, node);
                break;
        }
    }
}
