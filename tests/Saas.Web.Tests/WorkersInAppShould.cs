using Microsoft.Extensions.DependencyInjection;
using Saas.Core.Intake;
using Saas.Core.Workers;
using Saas.Gorgias;
using Saas.Gorgias.Calls;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests;

/// <summary>The silo co-hosted in the app: the tenant grain serves the installed tenant and the app stops cleanly.</summary>
public sealed class WorkersInAppShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_an_installed_tenants_token_from_its_grain_and_stop_gracefully_without_errors()
    {
        var app = await TestApp.StartAsync();
        string token;
        Guid tenantId;
        try
        {
            (await app.InstallAsync()).Status.ShouldBe(System.Net.HttpStatusCode.OK);
            tenantId = (await app.TenantsAsync()).Single().Id;
            GorgiasAccount.TryParse("acme", out var acme).ShouldBeTrue();
            var tokens = app.App.Services.GetRequiredService<IGorgiasAccessTokens>();
            tokens.ShouldBeOfType<GrainAccessTokens>();

            token = await tokens.GetAsync(new GorgiasCaller(acme, tenantId.ToString(), GorgiasLane.Live), Ct);
            using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.Sandbox.AccountBaseAddress("acme") + "/api/account")))
            {
                request.Headers.Authorization = new("Bearer", token);
                using var response = await app.Sandbox.Http.SendAsync(request, Ct);
                response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            }

            await app.App.Services.GetRequiredService<IInboxDispatcher>().DispatchAsync(tenantId, Ct);
            var grain = app.App.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(tenantId);
            (await grain.GetStatusAsync()).HasToken.ShouldBeTrue();
        }
        finally
        {
            await app.DisposeAsync();
        }

        // The stop deactivated the grain (graceful shutdown) and nothing went wrong on the way; no token was logged.
        app.Logs.Lines.ShouldContain(l => l.Contains("deactivated", StringComparison.Ordinal) && l.Contains(tenantId.ToString(), StringComparison.Ordinal));
        app.Logs.Lines.ShouldNotContain(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
        app.Logs.Text.ShouldNotContain(token);
    }
}
