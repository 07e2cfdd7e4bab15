using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Saas.Core.Secrets;

namespace Saas.Core.Tests.Secrets;

/// <summary>
/// An in-process Azure Key Vault for tests: Kestrel on <c>https://127.0.0.1:0</c> with a self-signed certificate made at
/// start, speaking the secrets part of Key Vault's REST API (api-version 7.x and the dated ones after it, such as 2025-07-01 and 2026-04-01) so the real <see cref="SecretClient"/>
/// can be used against it:
/// <list type="bullet">
/// <item><c>PUT /secrets/{name}</c> (each set is a new version; a soft-deleted name answers 409), <c>GET /secrets/{name}[/{version}]</c>,
/// <c>GET /secrets/{name}/versions</c>, <c>GET /secrets</c>, <c>DELETE /secrets/{name}</c> (soft delete),
/// <c>GET|DELETE /deletedsecrets/{name}</c> (purge refused with purge protection), <c>POST /deletedsecrets/{name}/recover</c>;</item>
/// <item>the bearer challenge: a request without the expected token gets 401 with
/// <c>WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/{tenant}", resource="https://vault.azure.net"</c>;</item>
/// <item>faults: 429 with <c>Retry-After</c> or any status for the next requests, 503 for ever, requests that hang, and
/// down for good (<see cref="StopAsync"/>: connections refused).</item>
/// </list>
/// Every request is logged (<see cref="Requests"/>) with a monotonic timestamp. <see cref="CreateClient"/> gives a
/// real <see cref="SecretClient"/> whose transport trusts exactly this vault's certificate and whose credential is
/// <see cref="Credential"/>. The vault's URI has a host name of its own (<c>vault-N.localhost</c>, connected to
/// 127.0.0.1 by the client's handler) because the SDK caches challenges per host and port for the whole process.
/// </summary>
internal sealed partial class FakeKeyVault : IAsyncDisposable
{
    public const string Token = "fake-vault-access-token";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string Resource = "https://vault.azure.net";

    private const string FaultKey = "fake-vault-fault";

    private static int s_instances;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SecretRecord> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SecretRecord> _deleted = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<VaultRequest> _requests = [];
    private readonly List<IDisposable> _handlers = [];
    private readonly TimeProvider _time;
    private readonly WebApplication _app;
    private readonly int _port;
    private int _throttleCount;
    private TimeSpan? _throttleRetryAfter;
    private int _failCount;
    private int _failStatus;
    private int _hangCount;
    private bool _stopped;

    private FakeKeyVault(WebApplication app, X509Certificate2 certificate, int port, TimeProvider time)
    {
        _app = app;
        _port = port;
        _time = time;
        Certificate = certificate;
        VaultUri = new Uri($"https://vault-{Interlocked.Increment(ref s_instances)}.localhost:{port}/");
    }

    /// <summary>The vault's URI as clients from <see cref="CreateClient"/> and <see cref="CreateHandler"/> reach it.</summary>
    public Uri VaultUri { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>The credential at the edge: a fixed token, counting calls.</summary>
    public FakeTokenCredential Credential { get; } = new();

    /// <summary>Purge of a deleted secret is refused (403), as in a vault with purge protection. Default true.</summary>
    public bool PurgeProtection { get; set; } = true;

    /// <summary>While true, every request answers 503 (a vault that is down but still accepts connections).</summary>
    public bool Unavailable { get; set; }

    public IReadOnlyList<VaultRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeKeyVault> StartAsync(TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var certificate = CreateCertificate(time);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        FakeKeyVault? vault = null;
        app.Run(context => vault!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        vault = new FakeKeyVault(app, certificate, address.Port, time);
        return vault;
    }

    /// <summary>
    /// A real <see cref="SecretClient"/> for this vault: the production options from <paramref name="options"/> (retry
    /// policy included), a transport that trusts exactly this vault's certificate, the fake credential, and challenge
    /// resource verification off (the vault is not under vault.azure.net).
    /// </summary>
    public SecretClient CreateClient(SecretsOptions? options = null)
    {
        var clientOptions = KeyVaultSecretStore.CreateClientOptions(options ?? new SecretsOptions());
        clientOptions.Transport = new HttpClientTransport(CreateHandler());
        clientOptions.DisableChallengeResourceVerification = true;
        return new SecretClient(VaultUri, Credential, clientOptions);
    }

    /// <summary>An HTTP handler that connects <see cref="VaultUri"/> to the server and trusts exactly its certificate.</summary>
    public HttpMessageHandler CreateHandler()
    {
        var port = _port;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) =>
                    presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(Certificate.RawData),
            },
        };
        lock (_gate)
        {
            _handlers.Add(handler);
        }

        return handler;
    }

    /// <summary>The next <paramref name="count"/> requests answer 429, with <c>Retry-After</c> when given (whole seconds).</summary>
    public void ThrottleNext(int count, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            _throttleCount = count;
            _throttleRetryAfter = retryAfter;
        }
    }

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="status"/> (such as 500 or 503).</summary>
    public void FailNext(int count, int status)
    {
        lock (_gate)
        {
            _failCount = count;
            _failStatus = status;
        }
    }

    /// <summary>The next <paramref name="count"/> requests get no answer until the client gives up.</summary>
    public void HangNext(int count)
    {
        lock (_gate)
        {
            _hangCount = count;
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _throttleCount = 0;
            _failCount = 0;
            _hangCount = 0;
            Unavailable = false;
        }
    }

    /// <summary>Down for good: the server stops and connections are refused.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _app.StopAsync();
    }

    /// <summary>Stores a secret directly (as another writer would), as a new version; returns the version.</summary>
    public string Seed(string name, string value)
    {
        lock (_gate)
        {
            return AddVersion(name, value, contentType: null);
        }
    }

    /// <summary>The current value of an active secret, or null.</summary>
    public string? ValueOf(string name)
    {
        lock (_gate)
        {
            return _secrets.TryGetValue(name, out var secret) ? secret.Versions[^1].Value : null;
        }
    }

    /// <summary>The values of all versions of an active or deleted secret, oldest first.</summary>
    public IReadOnlyList<string> VersionsOf(string name)
    {
        lock (_gate)
        {
            return _secrets.TryGetValue(name, out var secret) || _deleted.TryGetValue(name, out secret)
                ? [.. secret.Versions.Select(v => v.Value)]
                : [];
        }
    }

    public bool IsDeleted(string name)
    {
        lock (_gate)
        {
            return _deleted.ContainsKey(name);
        }
    }

    /// <summary>Requests for <paramref name="path"/> that reached the vault's API (with the token, not answered by a fault).</summary>
    public IReadOnlyList<VaultRequest> Served(string method, string path) =>
        [.. Requests.Where(r => r.Authorized && !r.Fault && r.Method == method &&
            string.Equals(r.Path.TrimEnd('/'), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))];

    /// <summary>All requests for <paramref name="path"/> (with or without the trailing slash), faults and challenges included.</summary>
    public IReadOnlyList<VaultRequest> RequestsFor(string path) =>
        [.. Requests.Where(r => string.Equals(r.Path.TrimEnd('/'), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))];

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await _app.StopAsync();
        }

        await _app.DisposeAsync();
        lock (_gate)
        {
            _handlers.ForEach(h => h.Dispose());
        }

        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var authorized = request.Headers.Authorization.ToString() == "Bearer " + Token;
        var arrived = new VaultRequest(
            _time.GetUtcNow(), _time.GetTimestamp(), 0, request.Method, request.Path.Value ?? "",
            request.Query["api-version"].ToString(), authorized, request.ContentLength ?? 0, 0, false);
        int index;
        lock (_gate)
        {
            // Logged on arrival (a request that hangs is seen at once), completed with its answer below.
            index = _requests.Count;
            _requests.Add(arrived);
        }

        // Completed just before the answer is sent, so no client can have seen an answer the log does not show yet.
        context.Response.OnStarting(() =>
        {
            lock (_gate)
            {
                _requests[index] = arrived with
                {
                    AnsweredTimestamp = _time.GetTimestamp(),
                    Status = context.Response.StatusCode,
                    Fault = context.Items.ContainsKey(FaultKey),
                };
            }

            return Task.CompletedTask;
        });
        await AnswerAsync(context, authorized);
        if (!context.Response.HasStarted)
        {
            lock (_gate)
            {
                _requests[index] = arrived with { Fault = true }; // hung until the client gave up
            }
        }
    }

    private async Task AnswerAsync(HttpContext context, bool authorized)
    {
        var response = context.Response;
        bool hang;
        int? fault;
        TimeSpan? retryAfter = null;
        lock (_gate)
        {
            hang = _hangCount > 0 && _hangCount-- > 0;
            fault = hang ? null
                : Unavailable ? 503
                : _throttleCount > 0 && _throttleCount-- > 0 ? 429
                : _failCount > 0 && _failCount-- > 0 ? _failStatus
                : null;
            if (fault == 429)
            {
                retryAfter = _throttleRetryAfter;
            }
        }

        if (hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        if (fault is { } faultStatus)
        {
            if (retryAfter is { } delay)
            {
                response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Items[FaultKey] = true;
            await ErrorAsync(response, faultStatus, faultStatus switch
            {
                429 => "Throttled",
                503 => "ServiceUnavailable",
                _ => "InternalServerError",
            }, faultStatus == 429
                ? "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached"
                : "The service is unavailable.");
            return;
        }

        if (!authorized)
        {
            response.Headers.WWWAuthenticate =
                $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", resource=\"{Resource}\"";
            await ErrorAsync(response, 401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
            return;
        }

        var apiVersion = context.Request.Query["api-version"].ToString();
        if (!ApiVersionPattern().IsMatch(apiVersion))
        {
            await ErrorAsync(response, 400, "BadParameter", "The 'api-version' query parameter is missing or not supported.");
            return;
        }

        await RouteAsync(context);
    }

    private async Task<int> RouteAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var segments = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        var host = $"https://{context.Request.Host}";
        return (segments, method) switch
        {
            (["secrets"], "GET") => await JsonAsync(context.Response, 200, ListSecrets(host)),
            (["secrets", var name], "PUT") => await SetAsync(context, host, name),
            (["secrets", var name], "GET") => await GetAsync(context.Response, host, name, version: null),
            (["secrets", var name], "DELETE") => await DeleteAsync(context.Response, host, name),
            (["secrets", var name, "versions"], "GET") => await ListVersionsAsync(context.Response, host, name),
            (["secrets", var name, var version], "GET") => await GetAsync(context.Response, host, name, version),
            (["deletedsecrets", var name], "GET") => await GetDeletedAsync(context.Response, host, name),
            (["deletedsecrets", var name], "DELETE") => await PurgeAsync(context.Response, name),
            (["deletedsecrets", var name, "recover"], "POST") => await RecoverAsync(context.Response, host, name),
            _ => await ErrorAsync(context.Response, 404, "NotFound", "No such operation in the fake vault."),
        };
    }

    private async Task<int> SetAsync(HttpContext context, string host, string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            return await ErrorAsync(context.Response, 400, "BadParameter", "The request URI contains an invalid name: " + name);
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body?["value"]?.GetValueKind() != JsonValueKind.String)
        {
            return await ErrorAsync(context.Response, 400, "BadParameter", "Property 'value' is required.");
        }

        JsonObject? bundle = null;
        lock (_gate)
        {
            if (!_deleted.ContainsKey(name))
            {
                var version = AddVersion(name, body["value"]!.GetValue<string>(), body["contentType"]?.GetValue<string>());
                bundle = Bundle(host, _secrets[name], _secrets[name].Versions.First(v => v.Id == version), withValue: true);
            }
        }

        return bundle is null
            ? await ErrorAsync(context.Response, 409, "Conflict",
                $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can be recovered or purged.",
                "ObjectIsDeletedButRecoverable")
            : await JsonAsync(context.Response, 200, bundle);
    }

    private async Task<int> GetAsync(HttpResponse response, string host, string name, string? version)
    {
        JsonObject? bundle = null;
        lock (_gate)
        {
            if (_secrets.TryGetValue(name, out var secret))
            {
                var found = version is null ? secret.Versions[^1] : secret.Versions.FirstOrDefault(v => v.Id == version);
                bundle = found is null ? null : Bundle(host, secret, found, withValue: true);
            }
        }

        return bundle is null
            ? await NotFoundAsync(response, name, version)
            : await JsonAsync(response, 200, bundle);
    }

    private async Task<int> ListVersionsAsync(HttpResponse response, string host, string name)
    {
        JsonArray? items = null;
        lock (_gate)
        {
            if (_secrets.TryGetValue(name, out var secret))
            {
                items = [.. secret.Versions.Select(v => (JsonNode)Item(host, secret, v))];
            }
        }

        return items is null
            ? await NotFoundAsync(response, name, null)
            : await JsonAsync(response, 200, new JsonObject { ["value"] = items, ["nextLink"] = null });
    }

    private JsonObject ListSecrets(string host)
    {
        lock (_gate)
        {
            JsonArray items = [.. _secrets.Values.Select(s => (JsonNode)Item(host, s, s.Versions[^1], latest: true))];
            return new JsonObject { ["value"] = items, ["nextLink"] = null };
        }
    }

    private async Task<int> DeleteAsync(HttpResponse response, string host, string name)
    {
        JsonObject? bundle = null;
        lock (_gate)
        {
            if (_secrets.Remove(name, out var secret))
            {
                secret.DeletedOn = _time.GetUtcNow();
                _deleted[name] = secret;
                bundle = DeletedBundle(host, secret);
            }
        }

        return bundle is null ? await NotFoundAsync(response, name, null) : await JsonAsync(response, 200, bundle);
    }

    private async Task<int> GetDeletedAsync(HttpResponse response, string host, string name)
    {
        JsonObject? bundle = null;
        lock (_gate)
        {
            if (_deleted.TryGetValue(name, out var secret))
            {
                bundle = DeletedBundle(host, secret);
            }
        }

        return bundle is null
            ? await ErrorAsync(response, 404, "SecretNotFound", $"Deleted Secret not found: {name}")
            : await JsonAsync(response, 200, bundle);
    }

    private async Task<int> PurgeAsync(HttpResponse response, string name)
    {
        bool found;
        lock (_gate)
        {
            found = _deleted.ContainsKey(name);
            if (found && !PurgeProtection)
            {
                _deleted.Remove(name);
            }
        }

        if (!found)
        {
            return await ErrorAsync(response, 404, "SecretNotFound", $"Deleted Secret not found: {name}");
        }

        if (PurgeProtection)
        {
            return await ErrorAsync(response, 403, "Forbidden", "Operation \"purge\" is not enabled for this vault.");
        }

        response.StatusCode = 204;
        return 204;
    }

    private async Task<int> RecoverAsync(HttpResponse response, string host, string name)
    {
        JsonObject? bundle = null;
        lock (_gate)
        {
            if (_deleted.Remove(name, out var secret))
            {
                secret.DeletedOn = null;
                _secrets[name] = secret;
                bundle = Bundle(host, secret, secret.Versions[^1], withValue: false);
            }
        }

        return bundle is null
            ? await ErrorAsync(response, 404, "SecretNotFound", $"Deleted Secret not found: {name}")
            : await JsonAsync(response, 200, bundle);
    }

    private string AddVersion(string name, string value, string? contentType)
    {
        if (!_secrets.TryGetValue(name, out var secret))
        {
            secret = new SecretRecord(name);
            _secrets[name] = secret;
        }

        var version = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        secret.Versions.Add(new SecretVersion(version, value, contentType, _time.GetUtcNow()));
        return version;
    }

    private JsonObject Bundle(string host, SecretRecord secret, SecretVersion version, bool withValue)
    {
        var bundle = new JsonObject();
        if (withValue)
        {
            bundle["value"] = version.Value;
        }

        bundle["id"] = $"{host}/secrets/{secret.Name}/{version.Id}";
        if (version.ContentType is not null)
        {
            bundle["contentType"] = version.ContentType;
        }

        bundle["attributes"] = Attributes(version);
        return bundle;
    }

    private JsonObject Item(string host, SecretRecord secret, SecretVersion version, bool latest = false) => new()
    {
        ["id"] = latest ? $"{host}/secrets/{secret.Name}" : $"{host}/secrets/{secret.Name}/{version.Id}",
        ["attributes"] = Attributes(version),
    };

    private JsonObject DeletedBundle(string host, SecretRecord secret)
    {
        var bundle = Bundle(host, secret, secret.Versions[^1], withValue: false);
        var deletedOn = secret.DeletedOn ?? _time.GetUtcNow();
        bundle["recoveryId"] = $"{host}/deletedsecrets/{secret.Name}";
        bundle["deletedDate"] = deletedOn.ToUnixTimeSeconds();
        bundle["scheduledPurgeDate"] = deletedOn.AddDays(90).ToUnixTimeSeconds();
        return bundle;
    }

    private JsonObject Attributes(SecretVersion version) => new()
    {
        ["enabled"] = true,
        ["created"] = version.Created.ToUnixTimeSeconds(),
        ["updated"] = version.Created.ToUnixTimeSeconds(),
        ["recoveryLevel"] = PurgeProtection ? "Recoverable" : "Recoverable+Purgeable",
        ["recoverableDays"] = 90,
    };

    private static Task<int> NotFoundAsync(HttpResponse response, string name, string? version) =>
        ErrorAsync(response, 404, "SecretNotFound", version is null
            ? $"A secret with (name/id) {name} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command."
            : $"A secret with (name/id) {name}/{version} was not found in this key vault.");

    private static Task<int> ErrorAsync(HttpResponse response, int status, string code, string message, string? innerCode = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (innerCode is not null)
        {
            error["innererror"] = new JsonObject { ["code"] = innerCode };
        }

        return JsonAsync(response, status, new JsonObject { ["error"] = error });
    }

    private static async Task<int> JsonAsync(HttpResponse response, int status, JsonNode body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(body.ToJsonString());
        return status;
    }

    private static X509Certificate2 CreateCertificate(TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Fake Key Vault", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        names.AddDnsName("*.localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    [GeneratedRegex(@"^[0-9a-zA-Z-]{1,127}\z")]
    private static partial Regex NamePattern();

    /// <summary>7.x (7.0 to 7.6) or the dated versions that followed (2025-07-01 and later), previews included.</summary>
    [GeneratedRegex(@"^(7\.[0-9]+|20[0-9]{2}-[0-9]{2}-[0-9]{2})(-preview(\.[0-9]+)?)?\z")]
    private static partial Regex ApiVersionPattern();

    private sealed class SecretRecord(string name)
    {
        public string Name { get; } = name;

        public List<SecretVersion> Versions { get; } = [];

        public DateTimeOffset? DeletedOn { get; set; }
    }

    private sealed record SecretVersion(string Id, string Value, string? ContentType, DateTimeOffset Created);
}

/// <summary>
/// One request the fake vault received: when it arrived (wall clock, and a monotonic timestamp of the vault's
/// <see cref="TimeProvider"/>), when its answer started (a timestamp taken before anything is sent, so no client can
/// have seen the answer earlier; 0 when there was none), its api-version, whether it carried the token, its body length, the status answered (0: none) and
/// whether that answer was a programmed fault.
/// </summary>
internal sealed record VaultRequest(
    DateTimeOffset At, long Timestamp, long AnsweredTimestamp, string Method, string Path, string ApiVersion, bool Authorized, long BodyLength, int Status, bool Fault);

/// <summary>The credential at the edge: a fixed token valid for an hour, and what it was asked for.</summary>
internal sealed class FakeTokenCredential : TokenCredential
{
    private readonly Lock _gate = new();
    private readonly List<TokenRequestContext> _requests = [];

    public IReadOnlyList<TokenRequestContext> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _requests.Add(requestContext);
        }

        return new AccessToken(FakeKeyVault.Token, TimeProvider.System.GetUtcNow().AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
