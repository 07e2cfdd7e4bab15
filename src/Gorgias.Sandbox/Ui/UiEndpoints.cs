using System.Globalization;
using Gorgias.Sandbox.Model;
using Microsoft.AspNetCore.Antiforgery;

namespace Gorgias.Sandbox.Ui;

/// <summary>
/// The sandbox's small helpdesk UI: plain server-rendered pages under <c>/</c> and <c>/{account}/app/...</c> (the
/// stand-in for <c>https://{account}.gorgias.com/app/...</c>). Forms that change state carry an antiforgery token.
/// </summary>
internal static class UiEndpoints
{
    public static IEndpointRouteBuilder MapHelpdeskUi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", AccountPages.Home).ExcludeFromDescription();
        app.MapGet("/{account}", (HttpContext http, string account, SandboxStore store) =>
            store.Find(account) is null
                ? Layout.NotFound(http, $"There is no account '{account}' in this sandbox.")
                : Results.Redirect(Html.Path(account, "app")))
            .ExcludeFromDescription();

        var ui = app.MapGroup("/{account}/app").ExcludeFromDescription();
        ui.MapGet("/", AccountPages.Dashboard);
        ui.MapGet("/tickets", TicketPages.List);
        ui.MapGet("/ticket/{id:long}", TicketPages.Show);
        ui.MapPost("/ticket/{id:long}/reply", TicketPages.Reply);
        ui.MapGet("/write-in", TicketPages.WriteInForm);
        ui.MapPost("/write-in", TicketPages.WriteIn);
        ui.MapGet("/apps", AppStorePages.List);
        ui.MapPost("/apps/{clientId}/uninstall", AppStorePages.Uninstall);
        ui.MapGet("/integrations", AccountPages.Integrations);
        ui.MapGet("/api-keys", AccountPages.ApiKeys);
        return app;
    }

    /// <summary>The hidden input with the antiforgery request token (its cookie is set on this response).</summary>
    internal static Raw AntiforgeryField(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new Html().Add($"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\">").ToRaw();
    }

    /// <summary>
    /// Reads a posted form after checking its antiforgery token; null (and the error page in <paramref name="refusal"/>)
    /// when the request is not a form or the token is missing or wrong.
    /// </summary>
    internal static async Task<(IFormCollection? Form, IResult? Refusal)> ReadProtectedFormAsync(HttpContext http, string account)
    {
        if (!http.Request.HasFormContentType)
        {
            return (null, Refused(http, account, "This endpoint takes an HTML form post (application/x-www-form-urlencoded)."));
        }

        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return (null, Refused(http, account,
                "The form was refused: its antiforgery token is missing or invalid. Reload the page and submit the form again."));
        }

        return (await http.Request.ReadFormAsync(http.RequestAborted), null);
    }

    private static IResult Refused(HttpContext http, string account, string why)
    {
        var body = new Html().Add($"""
            <h1>Form refused</h1>
            {Layout.Notice(why, error: true)}
            <p><a href="{Html.Path(account, "app")}">Back to the account</a></p>
            """);
        return Layout.Page(http, "Form refused", account, body, status: 400);
    }

    internal static bool WantsFragment(HttpContext http) =>
        http.Request.Query.TryGetValue("fragment", out var value) && value.ToString() is "1" or "true";

    internal static int PageNumber(HttpContext http) =>
        http.Request.Query.TryGetValue("page", out var value)
        && int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
            ? page
            : 1;

    /// <summary>The sandbox root as the browser sees it, e.g. <c>http://127.0.0.1:5181</c>.</summary>
    internal static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
}
