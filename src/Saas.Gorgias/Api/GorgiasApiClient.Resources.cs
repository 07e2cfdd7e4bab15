using System.Globalization;
using Saas.Gorgias.Calls;

namespace Saas.Gorgias.Api;

/// <summary>Account, users, teams, customers, tags, events, satisfaction surveys and custom fields.</summary>
public sealed partial class GorgiasApiClient
{
    public Task<GorgiasAccountInfo> GetAccountAsync(GorgiasCaller caller, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasAccountInfo>(caller, HttpMethod.Get, "api/account", null, cancellationToken);

    public IAsyncEnumerable<GorgiasUser> ListUsersAsync(GorgiasCaller caller, CancellationToken cancellationToken = default) =>
        ListAsync<GorgiasUser>(caller, "api/users", new Query(), u => u.Id, null, cancellationToken);

    /// <summary>One user; id 0 is the caller (the user who installed the app).</summary>
    public Task<GorgiasUser> GetUserAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasUser>(caller, HttpMethod.Get, $"api/users/{id}", null, cancellationToken);

    public IAsyncEnumerable<GorgiasTeam> ListTeamsAsync(GorgiasCaller caller, CancellationToken cancellationToken = default) =>
        ListAsync<GorgiasTeam>(caller, "api/teams", new Query(), t => t.Id, null, cancellationToken);

    public Task<GorgiasTeam> GetTeamAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasTeam>(caller, HttpMethod.Get, $"api/teams/{id}", null, cancellationToken);

    /// <summary>Customers, filtered; ascending orders restart from their watermark when a cursor expires.</summary>
    public IAsyncEnumerable<GorgiasCustomer> ListCustomersAsync(GorgiasCaller caller, GorgiasCustomerQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new GorgiasCustomerQuery();
        var q = new Query()
            .Add("email", query.Email)
            .Add("external_id", query.ExternalId)
            .Add("name", query.Name)
            .Add("language", query.Language)
            .Add("timezone", query.Timezone)
            .Add("channel_type", query.ChannelType)
            .Add("channel_address", query.ChannelAddress)
            .Add("order_by", query.OrderBy);
        Func<GorgiasCustomer, DateTimeOffset?>? position = query.OrderBy switch
        {
            { Descending: false, Field: "updated_datetime" } => c => c.UpdatedDatetime,
            { Descending: false, Field: "created_datetime" } => c => c.CreatedDatetime,
            _ => null,
        };
        return ListAsync(caller, "api/customers", q, c => c.Id, position, cancellationToken);
    }

    public Task<GorgiasCustomer> GetCustomerAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasCustomer>(caller, HttpMethod.Get, $"api/customers/{id}", null, cancellationToken);

    /// <summary>Creates a customer; a used email is a 409 (<see cref="GorgiasApiException.IsConflict"/>).</summary>
    public Task<GorgiasCustomer> CreateCustomerAsync(GorgiasCaller caller, GorgiasCustomerRequest customer, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasCustomer>(caller, HttpMethod.Post, "api/customers", customer, cancellationToken);

    public Task<GorgiasCustomer> UpdateCustomerAsync(GorgiasCaller caller, long id, GorgiasCustomerRequest update, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasCustomer>(caller, HttpMethod.Put, $"api/customers/{id}", update, cancellationToken);

    /// <summary>The account's tags (optionally those whose name contains <paramref name="search"/>).</summary>
    public IAsyncEnumerable<GorgiasTag> ListTagsAsync(GorgiasCaller caller, string? search = null, CancellationToken cancellationToken = default) =>
        ListAsync<GorgiasTag>(caller, "api/tags", new Query().Add("search", search), t => t.Id, null, cancellationToken);

    public Task<GorgiasTag> GetTagAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasTag>(caller, HttpMethod.Get, $"api/tags/{id}", null, cancellationToken);

    /// <summary>Creates a tag; a name in use is a 409.</summary>
    public Task<GorgiasTag> CreateTagAsync(GorgiasCaller caller, GorgiasTagWrite tag, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasTag>(caller, HttpMethod.Post, "api/tags", tag, cancellationToken);

    public Task<GorgiasTag> UpdateTagAsync(GorgiasCaller caller, long id, GorgiasTagWrite update, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasTag>(caller, HttpMethod.Put, $"api/tags/{id}", update, cancellationToken);

    /// <summary>Deletes a tag (it leaves every ticket); false when it did not exist.</summary>
    public Task<bool> DeleteTagAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        DeleteAsync(caller, $"api/tags/{id}", cancellationToken);

    /// <summary>
    /// The event log, filtered on the server. Ascending walks (the default) restart after an expired cursor from
    /// <c>created_datetime[gte]</c> = the watermark, skipping what was already yielded.
    /// </summary>
    public IAsyncEnumerable<GorgiasEvent> ListEventsAsync(GorgiasCaller caller, GorgiasEventQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new GorgiasEventQuery();
        var q = new Query()
            .Add("object_type", query.ObjectType)
            .Add("object_id", query.ObjectId)
            .AddEach("types", query.Types, t => t)
            .AddEach("user_ids", query.UserIds, id => id.ToString(CultureInfo.InvariantCulture))
            .Add("created_datetime[gt]", query.CreatedAfter)
            .Add("created_datetime[gte]", query.CreatedFrom)
            .Add("created_datetime[lt]", query.CreatedBefore)
            .Add("created_datetime[lte]", query.CreatedUntil)
            .Add("order_by", query.Descending ? GorgiasOrder.CreatedDescending : GorgiasOrder.CreatedAscending);
        return query.Descending
            ? ListAsync<GorgiasEvent>(caller, "api/events", q, e => e.Id, null, cancellationToken)
            : ListAsync<GorgiasEvent>(caller, "api/events", q, e => e.Id, e => e.CreatedDatetime, cancellationToken, (restart, mark) => restart.Add("created_datetime[gte]", mark));
    }

    public Task<GorgiasEvent> GetEventAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasEvent>(caller, HttpMethod.Get, $"api/events/{id}", null, cancellationToken);

    public IAsyncEnumerable<GorgiasSatisfactionSurvey> ListSatisfactionSurveysAsync(GorgiasCaller caller, CancellationToken cancellationToken = default) =>
        ListAsync<GorgiasSatisfactionSurvey>(caller, "api/satisfaction-surveys", new Query(), s => s.Id, null, cancellationToken);

    public Task<GorgiasSatisfactionSurvey> GetSatisfactionSurveyAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasSatisfactionSurvey>(caller, HttpMethod.Get, $"api/satisfaction-surveys/{id}", null, cancellationToken);

    /// <summary>Creates the survey of a ticket (one per ticket: a second is a 409).</summary>
    public Task<GorgiasSatisfactionSurvey> CreateSatisfactionSurveyAsync(GorgiasCaller caller, GorgiasSatisfactionSurveyWrite survey, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasSatisfactionSurvey>(caller, HttpMethod.Post, "api/satisfaction-surveys", survey, cancellationToken);

    /// <summary>Replaces a survey (full replacement: members not sent become null).</summary>
    public Task<GorgiasSatisfactionSurvey> UpdateSatisfactionSurveyAsync(GorgiasCaller caller, long id, GorgiasSatisfactionSurveyWrite survey, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasSatisfactionSurvey>(caller, HttpMethod.Put, $"api/satisfaction-surveys/{id}", survey, cancellationToken);

    /// <summary>The custom fields of tickets (<c>Ticket</c>) or customers (<c>Customer</c>).</summary>
    public IAsyncEnumerable<GorgiasCustomField> ListCustomFieldsAsync(GorgiasCaller caller, string objectType = "Ticket", CancellationToken cancellationToken = default) =>
        ListAsync<GorgiasCustomField>(caller, "api/custom-fields", new Query().Add("object_type", objectType), f => f.Id, null, cancellationToken);

    public Task<GorgiasCustomField> GetCustomFieldAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasCustomField>(caller, HttpMethod.Get, $"api/custom-fields/{id}", null, cancellationToken);
}
