using System.Net;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Generator;

/// <summary>
/// Deterministic account data from a seed: users with API keys, teams, tags, custom fields, customers in four
/// languages, and tickets with message threads expressing realistic e-commerce intents (the true intent is kept on the
/// ticket, sandbox-side only, so classifiers can be scored), statuses, priorities, assignees, tags, surveys on closed
/// tickets, timestamps spread over the past year. Bulk-loads the tables, so 100,000 tickets take seconds.
/// Callers hold the account lock.
/// </summary>
internal static class DataGenerator
{
    private static readonly string[] AgentFirstNames = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Robin", "Jamie", "Charlie", "Dana"];
    private static readonly string[] AgentLastNames = ["Martin", "Schmidt", "Dubois", "Garcia", "Smith", "Müller", "Bernard", "López", "Brown", "Weber"];

    private static readonly Dictionary<Lang, (string[] First, string[] Last, string[] Zones)> People = new()
    {
        [Lang.En] = (["Emma", "Olivia", "Liam", "Noah", "Ava", "Mia", "James", "Lucas", "Grace", "Henry", "Chloe", "Ethan"],
            ["Johnson", "Williams", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Clarke", "Walker", "Wright"],
            ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "Australia/Sydney"]),
        [Lang.De] = (["Lena", "Lukas", "Anna", "Jonas", "Marie", "Felix", "Sophie", "Paul", "Hannah", "Leon"],
            ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer"],
            ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"]),
        [Lang.Fr] = (["Camille", "Léa", "Hugo", "Louis", "Manon", "Chloé", "Jules", "Inès", "Gabriel", "Zoé"],
            ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"],
            ["Europe/Paris", "Europe/Brussels", "America/Montreal"]),
        [Lang.Es] = (["Lucía", "Mateo", "Sofía", "Hugo", "Martina", "Pablo", "Valeria", "Daniel", "Carmen", "Diego"],
            ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz"],
            ["Europe/Madrid", "America/Mexico_City", "America/Bogota", "America/Argentina/Buenos_Aires"]),
    };

    private static readonly (string Channel, string Via, int Weight)[] Channels =
    [
        ("email", "email", 40), ("chat", "gorgias_chat", 18), ("contact_form", "form", 10),
        ("instagram-direct-message", "instagram", 8), ("facebook-messenger", "facebook", 7), ("phone", "aircall", 5),
        ("sms", "twilio", 6), ("api", "api", 6),
    ];

    private static readonly (string Name, string Color)[] MerchantTags =
    [
        ("vip", "#f5a623"), ("wholesale", "#4a90e2"), ("influencer", "#bd10e0"), ("follow-up", "#7ed321"),
        ("shopify", "#50b83c"), ("billing", "#d0021b"), ("feedback", "#9013fe"), ("newsletter", "#8b572a"),
    ];

    private static readonly string[] ContactReasons =
    [
        "Order status", "Return", "Refund", "Damaged item", "Exchange", "Cancellation", "Address change", "Discount",
        "Shipping delay", "Product question", "Complaint", "Other",
    ];

    public static void Populate(AccountState account, AccountSeedOptions seed, Random random)
    {
        var ids = account.Store.Ids;
        var now = account.Now();

        var admin = NewUser(account, random, "admin", $"admin@{account.Domain}.example", "Ada", "Admin", now.AddDays(-400));
        account.Users.Add(admin);
        var agents = new List<User>();
        for (var i = 0; i < seed.Agents; i++)
        {
            var agent = NewUser(
                account,
                random,
                "agent",
                $"agent{i + 1}@{account.Domain}.example",
                AgentFirstNames[random.Next(AgentFirstNames.Length)],
                AgentLastNames[random.Next(AgentLastNames.Length)],
                now.AddDays(-390 + i));
            agents.Add(agent);
            account.Users.Add(agent);
        }

        var teams = new List<Team>();
        foreach (var (name, emoji) in new[] { ("Tier 1", "🎧"), ("Returns & Refunds", "📦"), ("VIP Care", "⭐") })
        {
            var created = now.AddDays(-380);
            var team = new Team
            {
                Id = ids.Next(IdKind.Team),
                Name = name,
                Emoji = emoji,
                CreatedDatetime = created,
                UpdatedDatetime = created,
                MemberIds = [.. agents.Where((_, i) => i % 3 == teams.Count || agents.Count < 3).Select(a => a.Id)],
            };
            teams.Add(team);
            account.Teams.Add(team);
        }

        var tags = new List<Tag>();
        foreach (var (name, color) in MerchantTags)
        {
            var created = now.AddDays(-370);
            var tag = new Tag { Id = ids.Next(IdKind.Tag), Name = name, Color = color, CreatedDatetime = created, UpdatedDatetime = created };
            tags.Add(tag);
            account.Tags.Add(tag);
            account.TagIdsByName[name] = tag.Id;
        }

        var reasonField = new CustomField
        {
            Id = ids.Next(IdKind.CustomField),
            ObjectType = "Ticket",
            Label = "Contact reason",
            InputType = "dropdown",
            Choices = [.. ContactReasons],
            CreatedDatetime = now.AddDays(-360),
            UpdatedDatetime = now.AddDays(-360),
        };
        account.CustomFields.Add(reasonField);
        account.CustomFields.Add(new CustomField
        {
            Id = ids.Next(IdKind.CustomField),
            ObjectType = "Ticket",
            Label = "Order number",
            InputType = "input",
            Priority = 1,
            CreatedDatetime = now.AddDays(-360),
            UpdatedDatetime = now.AddDays(-360),
        });
        account.CustomFields.Add(new CustomField
        {
            Id = ids.Next(IdKind.CustomField),
            ObjectType = "Customer",
            Label = "Loyalty tier",
            InputType = "dropdown",
            Choices = ["Bronze", "Silver", "Gold"],
            CreatedDatetime = now.AddDays(-360),
            UpdatedDatetime = now.AddDays(-360),
        });

        AddGenerated(account, seed.Tickets, seed.Customers, random);
    }

    /// <summary>Adds generated customers and tickets to an account that already has its users, teams, tags and fields.</summary>
    public static void AddGenerated(AccountState account, int tickets, int customers, Random random)
    {
        var now = account.Now();
        var shop = char.ToUpperInvariant(account.Domain[0]) + account.Domain[1..];
        var agents = account.Users.All.Where(u => u.Role != "admin" && u.Active).OrderBy(u => u.Id).ToList();
        var teams = account.Teams.All.OrderBy(t => t.Id).ToList();
        var tags = MerchantTags.Select(t => account.TagIdsByName.TryGetValue(t.Name, out var id) ? account.Tags.Find(id) : null)
            .OfType<Tag>().ToList();
        var reasonField = account.CustomFields.All.FirstOrDefault(f => f.Label == "Contact reason" && f.ObjectType == "Ticket");
        var people = GenerateCustomers(account, customers, random, now);
        if (people.Count == 0)
        {
            people = [.. account.Customers.All.OrderBy(c => c.Id).Take(10_000).Select(c => (c, LangOf(c.Language)))];
        }

        GenerateTickets(account, tickets, people, agents, teams, tags, reasonField, shop, random, now);
    }

    private static Lang LangOf(string? code) => code switch { "de" => Lang.De, "fr" => Lang.Fr, "es" => Lang.Es, _ => Lang.En };

    private static User NewUser(AccountState account, Random random, string role, string email, string first, string last, DateTimeOffset created)
    {
        Span<byte> key = stackalloc byte[20];
        random.NextBytes(key);
        return new User
        {
            Id = account.Store.Ids.Next(IdKind.User),
            Email = email,
            Firstname = first,
            Lastname = last,
            Role = role,
            ApiKey = Convert.ToHexStringLower(key),
            CreatedDatetime = created,
            UpdatedDatetime = created,
        };
    }

    private static List<(Customer Customer, Lang Lang)> GenerateCustomers(AccountState account, int count, Random random, DateTimeOffset now)
    {
        var list = new List<(Customer, Lang)>(count);
        var batch = new List<Customer>(count);
        var events = new List<Event>(count);
        for (var i = 0; i < count; i++)
        {
            var lang = ConversationText.PickLanguage(random);
            var (firsts, lasts, zones) = People[lang];
            var first = firsts[random.Next(firsts.Length)];
            var last = lasts[random.Next(lasts.Length)];
            var email = $"{Ascii(first)}.{Ascii(last)}{i + 1}@example.{lang.Code() switch { "en" => "com", var c => c }}";
            var created = now.AddMinutes(-random.Next(60, 60 * 24 * 730));
            var customer = new Customer
            {
                Id = account.Store.Ids.Next(IdKind.Customer),
                Email = email,
                Name = $"{first} {last}",
                Firstname = first,
                Lastname = last,
                Language = lang.Code(),
                Timezone = zones[random.Next(zones.Length)],
                CreatedDatetime = created,
                UpdatedDatetime = created,
                Channels =
                [
                    new CustomerChannel
                    {
                        Id = account.Store.Ids.Next(IdKind.Channel),
                        Type = "email",
                        Address = email,
                        Preferred = true,
                        CreatedDatetime = created,
                        UpdatedDatetime = created,
                    },
                ],
            };
            batch.Add(customer);
            list.Add((customer, lang));
            account.CustomerIdsByEmail[email] = customer.Id;
            events.Add(HistoricalEvent(account, random, "customer-created", "Customer", customer.Id, null, created, null));
        }

        account.Customers.AddRange(batch);
        account.Events.AddRange(events);
        return list;
    }

    private static void GenerateTickets(
        AccountState account,
        int count,
        List<(Customer Customer, Lang Lang)> customers,
        List<User> agents,
        List<Team> teams,
        List<Tag> tags,
        CustomField? reasonField,
        string shop,
        Random random,
        DateTimeOffset now)
    {
        if (customers.Count == 0 || count == 0)
        {
            return;
        }

        var ids = account.Store.Ids;
        var tickets = new List<Ticket>(count);
        var messages = new List<Message>(count * 3);
        var events = new List<Event>(count * 4);
        var surveys = new List<SatisfactionSurvey>();
        var channelTotal = Channels.Sum(c => c.Weight);
        var supportAddress = $"support@{account.Domain}.example";
        for (var i = 0; i < count; i++)
        {
            var (customer, customerLang) = customers[random.Next(customers.Count)];
            var lang = random.NextDouble() < 0.9 ? customerLang : ConversationText.PickLanguage(random);
            var intent = ConversationText.PickIntent(random);
            var agent = agents.Count > 0 ? agents[random.Next(agents.Count)] : null;
            var conversation = ConversationText.Generate(random, lang, intent, customer.Firstname, agent?.Firstname ?? "Support", shop);
            var (channel, via) = PickChannel(random, channelTotal);

            // Spread over the past year, with a denser recent past.
            var ageMinutes = (int)(Math.Pow(random.NextDouble(), 1.6) * 60 * 24 * 365) + 5;
            var created = Truncate(now.AddMinutes(-ageMinutes));
            var ticket = new Ticket
            {
                Id = ids.Next(IdKind.Ticket),
                Channel = channel,
                Via = via,
                Subject = conversation.Subject,
                Language = random.NextDouble() < 0.92 ? lang.Code() : null,
                CustomerId = customer.Id,
                CreatedDatetime = created,
                TrueIntent = conversation.Intent.ToString(),
                TrueUrgent = conversation.Urgent,
                Spam = false,
            };

            var at = created;
            foreach (var generated in conversation.Messages)
            {
                if (at > created)
                {
                    at = Min(Truncate(at.AddMinutes(random.Next(3, generated.FromAgent ? 900 : 2_400))), now);
                }

                var message = new Message
                {
                    Id = ids.Next(IdKind.Message),
                    TicketId = ticket.Id,
                    Channel = generated.Public ? channel : "internal-note",
                    Via = generated.FromAgent ? "helpdesk" : via,
                    FromAgent = generated.FromAgent,
                    Public = generated.Public,
                    BodyText = generated.BodyText,
                    BodyHtml = "<div>" + WebUtility.HtmlEncode(generated.BodyText).Replace("\n", "<br>", StringComparison.Ordinal) + "</div>",
                    Subject = ticket.Subject,
                    SenderId = generated.FromAgent ? agent?.Id : customer.Id,
                    ReceiverId = generated.FromAgent && generated.Public ? customer.Id : null,
                    SourceType = generated.Public ? (channel == "email" ? "email" : channel) : "internal-note",
                    SourceFromAddress = generated.FromAgent ? supportAddress : customer.Email,
                    SourceFromName = generated.FromAgent ? $"{shop} Support" : customer.Name,
                    SourceToAddress = generated.FromAgent ? customer.Email : supportAddress,
                    SourceToName = generated.FromAgent ? customer.Name : $"{shop} Support",
                    SentDatetime = generated.FromAgent && generated.Public ? at : null,
                    CreatedDatetime = at,
                    UpdatedDatetime = at,
                };
                messages.Add(message);
                ticket.MessageIds.Add(message.Id);
                if (generated.Public)
                {
                    ticket.LastMessageDatetime = at;
                    if (!generated.FromAgent)
                    {
                        ticket.LastReceivedMessageDatetime = at;
                    }
                }

                events.Add(HistoricalEvent(account, random, "ticket-message-created", "TicketMessage", message.Id, generated.FromAgent ? agent?.Id : null, at, new JsonObject { ["ticket_id"] = ticket.Id }));
                if (at == created)
                {
                    at = created.AddTicks(10);
                }
            }

            var lastActivity = at;
            ticket.FromAgent = false;
            ticket.IsUnread = conversation.Messages[^1].FromAgent is false;
            ticket.OpenedDatetime = conversation.Messages.Count > 1 ? created.AddMinutes(random.Next(1, 600)) : null;

            if (conversation.Intent == Intent.Spam)
            {
                ticket.Spam = random.NextDouble() < 0.5;
            }
            else
            {
                if (agent is not null && random.NextDouble() < 0.75)
                {
                    ticket.AssigneeUserId = agent.Id;
                }

                if (teams.Count > 0 && random.NextDouble() < 0.35)
                {
                    ticket.AssigneeTeamId = teams[conversation.Intent is Intent.Return or Intent.Refund or Intent.Exchange ? 1 % teams.Count : 0].Id;
                }

                ticket.Priority = conversation.Urgent
                    ? (random.NextDouble() < 0.7 ? "high" : "critical")
                    : random.NextDouble() switch { < 0.06 => "low", < 0.1 => "high", _ => "normal" };
            }

            // Older conversations with an agent's last word are mostly closed.
            var closed = ageMinutes > 60 * 24 * 3 && (conversation.Messages[^1].FromAgent || conversation.Intent == Intent.Spam) && random.NextDouble() < 0.85;
            if (closed)
            {
                ticket.Status = "closed";
                ticket.ClosedDatetime = Min(Truncate(lastActivity.AddMinutes(random.Next(1, 240))), now);
                lastActivity = ticket.ClosedDatetime.Value;
                if (conversation.Intent != Intent.Spam && customer.Id > 0 && random.NextDouble() < 0.3)
                {
                    var sent = Min(lastActivity.AddHours(1), now);
                    var scored = random.NextDouble() < 0.6;
                    var score = scored ? Math.Clamp(5 - (int)Math.Floor(Math.Pow(random.NextDouble(), 2.5) * 5), 1, 5) : (int?)null;
                    var survey = new SatisfactionSurvey
                    {
                        Id = ids.Next(IdKind.Survey),
                        TicketId = ticket.Id,
                        CustomerId = customer.Id,
                        Score = score,
                        BodyText = score is <= 2 ? "Not happy with how long this took." : null,
                        CreatedDatetime = lastActivity,
                        UpdatedDatetime = scored ? Min(sent.AddHours(3), now) : sent,
                        ShouldSendDatetime = sent,
                        SentDatetime = sent,
                        ScoredDatetime = scored ? Min(sent.AddHours(3), now) : null,
                    };
                    surveys.Add(survey);
                    account.SurveyIdsByTicket[ticket.Id] = survey.Id;
                }
            }

            if (random.NextDouble() < 0.2 && tags.Count > 0)
            {
                ticket.TagIds.Add(tags[random.Next(tags.Count)].Id);
            }

            if (!closed && ticket.Status == "open" && random.NextDouble() < 0.04)
            {
                // Snoozed = closed until the snooze_datetime, when the ticket reopens by itself (Timers/TicketTimerService).
                ticket.SnoozeDatetime = Truncate(now.AddHours(random.Next(2, 72)));
                ticket.Status = "closed";
                ticket.ClosedDatetime = lastActivity;
            }

            if (closed && reasonField is not null && random.NextDouble() < 0.5)
            {
                ticket.CustomFields.Add(new TicketCustomFieldValue { FieldId = reasonField.Id, Value = ContactReasons[(int)conversation.Intent] });
            }

            ticket.UpdatedDatetime = lastActivity;
            tickets.Add(ticket);
            events.Add(HistoricalEvent(account, random, "ticket-created", "Ticket", ticket.Id, null, created, null));
            if (closed)
            {
                events.Add(HistoricalEvent(account, random, "ticket-closed", "Ticket", ticket.Id, agent?.Id, ticket.ClosedDatetime!.Value, null));
            }
        }

        account.Tickets.AddRange(tickets);
        foreach (var snoozed in tickets.Where(t => t.SnoozeDatetime is not null))
        {
            account.Timers.ScheduleUnsnooze(snoozed.Id, snoozed.SnoozeDatetime!.Value);
        }

        account.Messages.AddRange(messages);
        account.Surveys.AddRange(surveys);
        events.Sort((a, b) => a.CreatedDatetime.CompareTo(b.CreatedDatetime));
        account.Events.AddRange(events);
    }

    private static Event HistoricalEvent(AccountState account, Random random, string type, string objectType, long objectId, long? userId, DateTimeOffset at, JsonNode? data)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var context = new Guid(bytes);
        return new Event
        {
            Id = account.Store.Ids.Next(IdKind.Event),
            Type = type,
            ObjectType = objectType,
            ObjectId = objectId,
            UserId = userId,
            Context = context,
            Data = data,
            CreatedDatetime = at,
            UpdatedDatetime = at,
        };
    }

    private static (string Channel, string Via) PickChannel(Random random, int total)
    {
        var pick = random.Next(total);
        foreach (var (channel, via, weight) in Channels)
        {
            if (pick < weight)
            {
                return (channel, via);
            }

            pick -= weight;
        }

        return ("email", "email");
    }

    /// <summary>A fresh random API key (users created through the API).</summary>
    internal static string RandomKey() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    private static DateTimeOffset Truncate(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Ascii(string name)
    {
        Span<char> buffer = stackalloc char[name.Length * 2];
        var n = 0;
        foreach (var c in name.ToLowerInvariant())
        {
            var mapped = c switch
            {
                'ä' => "ae", 'ö' => "oe", 'ü' => "ue", 'ß' => "ss", 'é' or 'è' or 'ê' => "e", 'á' => "a", 'í' => "i",
                'ó' => "o", 'ú' => "u", 'ñ' => "n", 'ç' => "c", 'ï' => "i", _ => c.ToString(),
            };
            foreach (var m in mapped)
            {
                buffer[n++] = m;
            }
        }

        return new string(buffer[..n]);
    }
}
