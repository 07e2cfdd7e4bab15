using Gorgias.Sandbox.Api.Integrations;
using Gorgias.Sandbox.Api.Events;
using Gorgias.Sandbox.Api.Tags;
using Gorgias.Sandbox.Api.Tickets;

namespace Gorgias.Sandbox.Api;

/// <summary>The REST API under <c>/{account}/api/</c>, every endpoint behind the <see cref="ApiGate"/>.</summary>
internal static class SandboxApi
{
    public static IEndpointRouteBuilder MapGorgiasApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/{account}/api").AddEndpointFilter<ApiGate>();
        api.MapTickets();
        api.MapIntegrations();
        Account.ResourceApi.MapResources(api);
        api.MapMessages();
        api.MapTags();
        api.MapEvents();

        // Anything else under /api/ is a Gorgias 404 (after authentication, like the real API).
        api.Map("/{**rest}", () => ApiErrors.NotFound());
        return app;
    }
}
