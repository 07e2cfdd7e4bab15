using System.Text.Json.Nodes;
using Gorgias.Sandbox.Hosting;

namespace Gorgias.Sandbox.Model;

/// <summary>
/// One Gorgias account (helpdesk) and all its data. Every read and write of the tables happens under <see cref="Sync"/>:
/// one lock per account keeps each account consistent while accounts never contend with each other.
/// </summary>
internal sealed class AccountState(string domain, long id, AccountPlan plan, DateTimeOffset created, SandboxStore store)
{
    public Lock Sync { get; } = new();

    public string Domain { get; } = domain;
    public long Id { get; } = id;
    public AccountPlan Plan { get; set; } = plan;
    public DateTimeOffset CreatedDatetime { get; } = created;
    public SandboxStore Store { get; } = store;

    public EntityTable<User> Users { get; } = new();
    public EntityTable<Team> Teams { get; } = new();
    public EntityTable<Customer> Customers { get; } = new();
    public EntityTable<Ticket> Tickets { get; } = new();
    public EntityTable<Message> Messages { get; } = new();
    public EntityTable<Tag> Tags { get; } = new();
    public EntityTable<Event> Events { get; } = new();
    public EntityTable<HttpIntegration> Integrations { get; } = new();
    public EntityTable<SatisfactionSurvey> Surveys { get; } = new();
    public EntityTable<CustomField> CustomFields { get; } = new();

    /// <summary>Tag names are case-sensitive in Gorgias.</summary>
    public Dictionary<string, long> TagIdsByName { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> CustomerIdsByEmail { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<long, long> SurveyIdsByTicket { get; } = [];

    /// <summary>Cursors issued before this instant are refused as expired (control API / fault).</summary>
    public DateTimeOffset CursorsValidFrom { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Requests per second the merchant's other integrations spend from the OAuth bucket.</summary>
    public double BackgroundLoadPerSecond { get; set; }

    public Faults.AccountFaults Faults { get; } = new();

    /// <summary>Snoozed tickets and unsent outgoing messages, for the timer service (see <see cref="Sandbox.Timers.AccountTimers"/>).</summary>
    public Sandbox.Timers.AccountTimers Timers { get; } = new();

    public RingLog<Control.SandboxRequestLogEntry> RequestLog { get; } = new(5_000);

    public RingLog<Control.SandboxWebhookDelivery> DeliveryLog { get; } = new(5_000);

    public TimeProvider Clock => Store.Clock;

    /// <summary>Now, truncated to microseconds the way Gorgias stores datetimes.</summary>
    public DateTimeOffset Now() => Store.Now();

    public User? Admin => Users.All.Where(u => u.Role == "admin").OrderBy(u => u.Id).FirstOrDefault();

    /// <summary>Records an event; callers hold <see cref="Sync"/>. Ticket events also reach the webhook dispatcher.</summary>
    public Event RecordEvent(string type, string objectType, long objectId, long? userId, JsonNode? data = null, Guid? context = null)
    {
        var now = Now();
        var evt = new Event
        {
            Id = Store.Ids.Next(IdKind.Event),
            Type = type,
            ObjectType = objectType,
            ObjectId = objectId,
            UserId = userId,
            Context = context ?? Guid.NewGuid(),
            Data = data,
            CreatedDatetime = now,
            UpdatedDatetime = now,
        };
        Events.Add(evt);
        return evt;
    }

    /// <summary>Tells the webhook dispatcher about a ticket trigger; callers hold <see cref="Sync"/>.</summary>
    public void RaiseTicketTrigger(string trigger, Ticket ticket, Message? message = null) =>
        Store.TriggerSink.OnTicketTrigger(this, trigger, ticket, message);
}
