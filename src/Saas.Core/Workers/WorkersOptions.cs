using Microsoft.Extensions.Options;

namespace Saas.Core.Workers;

/// <summary>How the silos of the app find each other.</summary>
public enum ClusteringMode
{
    /// <summary>The embedded default: one silo on this machine, in-memory reminders. Nothing to set up.</summary>
    Localhost,

    /// <summary>
    /// Production: ADO.NET clustering and reminders on the app's SQL Server database, so every replica joins one
    /// cluster. The Orleans tables come from <c>deploy/sql/orleans/</c>, applied by the deployment.
    /// </summary>
    AdoNet,
}

/// <summary>
/// The co-hosted Orleans silo (configuration section <c>Workers</c>), validated at start-up. The embedded default is
/// a single localhost silo on free ports, so several app instances (tests, the demo) can run on one machine.
/// The section is not <c>Orleans</c>: Orleans itself reads that section (<c>Orleans:Clustering:ProviderType</c>...)
/// and would take these settings for its own.
/// </summary>
public sealed class WorkersOptions
{
    public const string Section = "Workers";

    /// <summary>The ADO.NET invariant of SQL Server (Microsoft.Data.SqlClient, what the app's database uses).</summary>
    public const string SqlServerInvariant = "Microsoft.Data.SqlClient";

    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>Identifies one deployment's cluster (silos with another cluster id never join it).</summary>
    public string ClusterId { get; set; } = "saas";

    /// <summary>Identifies the application across deployments (reminders are keyed by it).</summary>
    public string ServiceId { get; set; } = "saas";

    /// <summary>Silo-to-silo port. Unset: a free port (Localhost) or 11111 (AdoNet); 0: a free port.</summary>
    public int? SiloPort { get; set; }

    /// <summary>Client gateway port. Unset: a free port (Localhost) or 30000 (AdoNet); 0: a free port.</summary>
    public int? GatewayPort { get; set; }

    /// <summary>
    /// AdoNet only: the name of the connection string (<c>ConnectionStrings:{name}</c>) of the database holding the
    /// Orleans tables; default the app's own database (<c>Saas</c>).
    /// </summary>
    public string ConnectionStringName { get; set; } = Data.DatabaseOptions.ConnectionStringName;

    /// <summary>AdoNet only: the ADO.NET invariant; only SQL Server is supported.</summary>
    public string Invariant { get; set; } = SqlServerInvariant;

    /// <summary>An activation unused this long is deactivated (10,000 mostly idle tenants must fit in memory).</summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a deactivating grain (idle, or the silo shutting down) may take to finish the work under way; past
    /// it the work is cancelled and left resumable (inbox rows stay pending).
    /// </summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A tenant's access token is refreshed when it has less than this left.</summary>
    public TimeSpan TokenRefreshAhead { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a tenant's inbox pass waits for more nudges before it starts, at least (real time, not the app's
    /// clock): at hundreds of webhooks a second one pass then takes many rows, instead of one pass per row competing
    /// with the intake for the database's single writer. See <see cref="InboxPacer"/>.
    /// </summary>
    public TimeSpan InboxGatherWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest a tenant's pass waits for more nudges when many tenants are busy at once (live tagging promises
    /// "within seconds"; this is most of the delay it adds under load).
    /// </summary>
    public TimeSpan InboxMaxGatherWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// About how many inbox passes this silo runs per second across its busy tenants: each tenant's window is its share
    /// (busy tenants ÷ this), between <see cref="InboxGatherWindow"/> and <see cref="InboxMaxGatherWindow"/>.
    /// </summary>
    public double InboxPassesPerSecond { get; set; } = 40;

    /// <summary>
    /// How long a tenant's inbox pass may be put off, window after window, while this replica's intake is busy
    /// (<see cref="Intake.IIntakePressure"/>): the bound on how far live tagging lags behind a storm of webhooks. 0: never.
    /// </summary>
    public TimeSpan InboxMaxDeferral { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The lifetime assumed for a token whose response gives none (no <c>expires_in</c>, no JWT <c>exp</c>).</summary>
    public TimeSpan AssumedTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The start-up checks of <see cref="WorkersOptions"/>; messages name the setting to fix.</summary>
internal sealed class WorkersOptionsValidator : IValidateOptions<WorkersOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkersOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Clustering))
        {
            errors.Add("Workers:Clustering must be Localhost or AdoNet.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            errors.Add("Workers:ClusterId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add("Workers:ServiceId is required.");
        }

        CheckPort(options.SiloPort, "Workers:SiloPort", errors);
        CheckPort(options.GatewayPort, "Workers:GatewayPort", errors);
        if (options.SiloPort is > 0 && options.SiloPort == options.GatewayPort)
        {
            errors.Add("Workers:SiloPort and Workers:GatewayPort must differ.");
        }

        if (options.Clustering == ClusteringMode.AdoNet)
        {
            if (!string.Equals(options.Invariant, SqlServerInvariantName, StringComparison.Ordinal))
            {
                errors.Add($"Workers:Invariant must be {SqlServerInvariantName} (the Orleans SQL scripts shipped are for SQL Server).");
            }

            if (string.IsNullOrWhiteSpace(options.ConnectionStringName))
            {
                errors.Add("Workers:ConnectionStringName is required with AdoNet clustering.");
            }
        }

        if (options.IdleDeactivation <= TimeSpan.Zero)
        {
            errors.Add("Workers:IdleDeactivation must be positive.");
        }

        if (options.CollectionQuantum <= TimeSpan.Zero || options.CollectionQuantum > options.IdleDeactivation)
        {
            errors.Add("Workers:CollectionQuantum must be positive and at most Workers:IdleDeactivation.");
        }

        if (options.ShutdownGrace <= TimeSpan.Zero)
        {
            errors.Add("Workers:ShutdownGrace must be positive.");
        }

        if (options.InboxGatherWindow < TimeSpan.Zero || options.InboxGatherWindow > TimeSpan.FromSeconds(5))
        {
            errors.Add("Workers:InboxGatherWindow must be between 0 and 5 seconds.");
        }

        if (options.InboxMaxGatherWindow < options.InboxGatherWindow || options.InboxMaxGatherWindow > TimeSpan.FromSeconds(5))
        {
            errors.Add("Workers:InboxMaxGatherWindow must be between Workers:InboxGatherWindow and 5 seconds.");
        }

        if (options.InboxMaxDeferral < TimeSpan.Zero || options.InboxMaxDeferral > TimeSpan.FromMinutes(1))
        {
            errors.Add("Workers:InboxMaxDeferral must be between 0 and 1 minute.");
        }

        if (!(options.InboxPassesPerSecond is >= 1 and <= 100_000))
        {
            errors.Add("Workers:InboxPassesPerSecond must be between 1 and 100000.");
        }

        if (options.TokenRefreshAhead < TimeSpan.Zero)
        {
            errors.Add("Workers:TokenRefreshAhead must not be negative.");
        }

        if (options.AssumedTokenLifetime <= options.TokenRefreshAhead)
        {
            errors.Add("Workers:AssumedTokenLifetime must be longer than Workers:TokenRefreshAhead.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private const string SqlServerInvariantName = WorkersOptions.SqlServerInvariant;

    private static void CheckPort(int? port, string setting, List<string> errors)
    {
        if (port is < 0 or > 65535)
        {
            errors.Add($"{setting} must be between 0 (a free port) and 65535.");
        }
    }
}
