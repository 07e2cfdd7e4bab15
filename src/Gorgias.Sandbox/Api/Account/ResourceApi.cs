using Gorgias.Sandbox.Api.Customers;
using Gorgias.Sandbox.Api.CustomFields;
using Gorgias.Sandbox.Api.Surveys;
using Gorgias.Sandbox.Api.Users;

namespace Gorgias.Sandbox.Api.Account;

/// <summary>The non-ticket resources: account, users, teams, customers, satisfaction surveys, custom fields.</summary>
internal static class ResourceApi
{
    public static RouteGroupBuilder MapResources(this RouteGroupBuilder api) =>
        api.MapAccount()
            .MapUsers()
            .MapTeams()
            .MapCustomers()
            .MapSurveys()
            .MapCustomFields();
}
