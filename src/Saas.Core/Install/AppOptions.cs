using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Saas.Core.Install;

/// <summary>The app's own settings (section <c>App</c>).</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// Where merchants' browsers and Gorgias reach the app, e.g. <c>https://autopilot.example.com</c>: the OAuth
    /// redirect URI is <c>{PublicBaseUrl}/gorgias/callback</c> and webhooks go to <c>{PublicBaseUrl}/webhooks/gorgias/{tenant}</c>.
    /// </summary>
    [Required(ErrorMessage = "App:PublicBaseUrl is required: the app's public address as an absolute http(s) URL, e.g. https://autopilot.example.com (the OAuth redirect URI is {{App:PublicBaseUrl}}/gorgias/callback).")]
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>How long a disconnected tenant's data is kept before it is purged (a reinstall before then restores it).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ErrorMessage = "App:PurgeGracePeriod must be between 0 and 3650 days.")]
    public TimeSpan PurgeGracePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the purge looks for tenants past their grace period.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "App:PurgeInterval must be between 1 second and 1 day.")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    // Methods, not properties: validation reads every property, and these throw on an invalid URL.

    /// <summary><see cref="PublicBaseUrl"/> without a trailing slash.</summary>
    public string PublicBase() => PublicBaseUrl.TrimEnd('/');

    public Uri RedirectUri() => new(PublicBase() + "/gorgias/callback");

    /// <summary>Every webhook URL the app registers starts with this.</summary>
    public string WebhookUrlPrefix() => PublicBase() + "/webhooks/gorgias/";

    public string WebhookUrl(Guid tenantId) => WebhookUrlPrefix() + tenantId.ToString("D");
}

internal sealed class AppOptionsValidator : IValidateOptions<AppOptions>
{
    public ValidateOptionsResult Validate(string? name, AppOptions options)
    {
        if (string.IsNullOrEmpty(options.PublicBaseUrl))
        {
            return ValidateOptionsResult.Success; // [Required] says it.
        }

        return Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            && url.Query.Length == 0 && url.Fragment.Length == 0 && string.IsNullOrEmpty(url.UserInfo)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"App:PublicBaseUrl must be an absolute http(s) URL without query, e.g. https://autopilot.example.com (it is '{options.PublicBaseUrl}').");
    }
}
