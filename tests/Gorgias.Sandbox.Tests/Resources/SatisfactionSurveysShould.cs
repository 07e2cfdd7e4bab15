using System.Net;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Resources;

public sealed class SatisfactionSurveysShould(SandboxFixture fixture)
{
    private static async Task<(TestAccount Account, long Customer, long Ticket)> SetUpAsync(SandboxFixture fixture)
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var customer = await api.NewCustomerAsync("""{"email": "rated@shop.example"}""");
        return (account, customer, account.CreateTicket(customer));
    }

    [Fact]
    public async Task Create_a_survey_in_the_Gorgias_shape_and_show_it_on_the_ticket()
    {
        var (account, customer, ticket) = await SetUpAsync(fixture);
        using var api = account.AdminApi();

        var created = await api.PostJsonAsync("api/satisfaction-surveys", $$"""
            {"ticket_id": {{ticket}}, "customer_id": {{customer}}, "score": 5, "body_text": "Great help!",
             "scored_datetime": "2024-03-01T10:00:00Z", "sent_datetime": "2024-03-01T09:00:00.123456+00:00", "meta": {"source": "email"} }
            """);

        created.ShouldHave(HttpStatusCode.Created);
        var s = created.Object;
        s.ShouldHaveKeys("body_text", "created_datetime", "customer_id", "id", "meta", "score", "scored_datetime", "sent_datetime",
            "should_send_datetime", "ticket_id", "uri");
        s["score"]!.GetValue<int>().ShouldBe(5);
        s["should_send_datetime"].ShouldBeNull();
        s["scored_datetime"]!.GetValue<string>().ShouldBe("2024-03-01T10:00:00.000000+00:00");
        s["sent_datetime"]!.GetValue<string>().ShouldBe("2024-03-01T09:00:00.123456+00:00");
        s["created_datetime"].ShouldBeGorgiasDatetime();
        s["uri"]!.GetValue<string>().ShouldBe($"/api/satisfaction-surveys/{created.Id}/");
        (await api.GetJsonAsync($"api/satisfaction-surveys/{created.Id}")).Raw.ShouldBe(created.Raw);
        (await api.GetJsonAsync($"api/tickets/{ticket}")).Object["satisfaction_survey"]!["id"]!.GetValue<long>().ShouldBe(created.Id);
        (await api.WalkAsync("api/satisfaction-surveys")).Select(x => x["id"]!.GetValue<long>()).ShouldContain(created.Id);
    }

    [Fact]
    public async Task Allow_one_survey_per_ticket()
    {
        var (account, customer, ticket) = await SetUpAsync(fixture);
        using var api = account.AdminApi();
        (await api.PostJsonAsync("api/satisfaction-surveys", $$"""{"ticket_id": {{ticket}}, "customer_id": {{customer}}}""")).ShouldHave(HttpStatusCode.Created);

        var second = await api.PostJsonAsync("api/satisfaction-surveys", $$"""{"ticket_id": {{ticket}}, "customer_id": {{customer}}, "score": 1}""");

        second.ShouldHave(HttpStatusCode.Conflict).FieldErrors("ticket_id").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Require_an_existing_ticket_and_customer_and_a_score_from_1_to_5()
    {
        var (account, customer, ticket) = await SetUpAsync(fixture);
        using var api = account.AdminApi();

        var missing = await api.PostJsonAsync("api/satisfaction-surveys", """{"score": 3}""");
        var unknown = await api.PostJsonAsync("api/satisfaction-surveys", """{"ticket_id": 1, "customer_id": 2}""");
        var invalid = await api.PostJsonAsync("api/satisfaction-surveys", $$"""
            {"ticket_id": "{{ticket}}", "customer_id": {{customer}}, "score": 6, "body_text": "{{new string('x', 1001)}}", "sent_datetime": "later"}
            """);

        missing.ShouldHave(HttpStatusCode.BadRequest);
        missing.FieldErrors("ticket_id").ShouldBe(["Missing data for required field."]);
        missing.FieldErrors("customer_id").ShouldBe(["Missing data for required field."]);
        unknown.ShouldHave(HttpStatusCode.BadRequest);
        unknown.FieldErrors("ticket_id").ShouldNotBeEmpty();
        unknown.FieldErrors("customer_id").ShouldNotBeEmpty();
        invalid.ShouldHave(HttpStatusCode.BadRequest);
        invalid.FieldErrors("ticket_id").ShouldNotBeEmpty();
        invalid.FieldErrors("score").ShouldNotBeEmpty();
        invalid.FieldErrors("body_text").ShouldNotBeEmpty();
        invalid.FieldErrors("sent_datetime").ShouldNotBeEmpty();
        (await api.PostJsonAsync("api/satisfaction-surveys", $$"""{"ticket_id": {{ticket}}, "customer_id": {{customer}}, "score": 0}""")).ShouldHave(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Replace_the_whole_survey_on_put()
    {
        var (account, customer, ticket) = await SetUpAsync(fixture);
        using var api = account.AdminApi();
        var other = account.CreateTicket(customer);
        var id = (await api.PostJsonAsync("api/satisfaction-surveys", $$"""{"ticket_id": {{ticket}}, "customer_id": {{customer}}, "score": 4, "body_text": "ok"}""")).Id;

        var withoutRefs = await api.PutJsonAsync($"api/satisfaction-surveys/{id}", """{"score": 2}""");
        var replaced = await api.PutJsonAsync($"api/satisfaction-surveys/{id}", $$"""{"ticket_id": {{other}}, "customer_id": {{customer}}, "score": 2}""");

        withoutRefs.ShouldHave(HttpStatusCode.BadRequest).FieldErrors("ticket_id").ShouldNotBeEmpty();
        replaced.ShouldHave(HttpStatusCode.OK);
        replaced.Object["score"]!.GetValue<int>().ShouldBe(2);
        replaced.Object["body_text"].ShouldBeNull();
        replaced.Object["ticket_id"]!.GetValue<long>().ShouldBe(other);
        (await api.GetJsonAsync($"api/tickets/{ticket}")).Object["satisfaction_survey"].ShouldBeNull();
        (await api.GetJsonAsync($"api/tickets/{other}")).Object["satisfaction_survey"]!["id"]!.GetValue<long>().ShouldBe(id);
        (await api.PostJsonAsync("api/satisfaction-surveys", $$"""{"ticket_id": {{ticket}}, "customer_id": {{customer}}}""")).ShouldHave(HttpStatusCode.Created);
        (await api.PutJsonAsync("api/satisfaction-surveys/1", $$"""{"ticket_id": {{ticket}}, "customer_id": {{customer}}}""")).ShouldHave(HttpStatusCode.NotFound);
        account.EventsFor("SatisfactionSurvey", id).Select(e => e.Type).ShouldBe(["satisfaction-survey-created", "satisfaction-survey-updated"]);
    }

    [Fact]
    public async Task Need_the_satisfaction_survey_scope()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var reader = account.OAuthApi("satisfaction_survey:read");
        using var other = account.OAuthApi("tickets:read");

        (await reader.GetJsonAsync("api/satisfaction-surveys")).ShouldHave(HttpStatusCode.OK);
        (await reader.PostJsonAsync("api/satisfaction-surveys", "{}")).ShouldHave(HttpStatusCode.Forbidden);
        (await other.GetJsonAsync("api/satisfaction-surveys")).ShouldHave(HttpStatusCode.Forbidden);
    }
}
