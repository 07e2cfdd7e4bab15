using System.Net.Mail;
using Gorgias.Sandbox.Api;
using Gorgias.Sandbox.Generator;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;
using Microsoft.Extensions.Options;

namespace Gorgias.Sandbox.Control;

/// <summary>Control endpoints for data: seed more generated data, write in as a customer, and read the generator's truth.</summary>
internal static class DataControlEndpoints
{
    public static RouteGroupBuilder MapDataControl(this RouteGroupBuilder control)
    {
        control.MapPost("/accounts/{account}/seed", Seed);
        control.MapPost("/accounts/{account}/tickets", WriteIn);
        control.MapGet("/accounts/{account}/truth", Truth);
        return control;
    }

    private static IResult Seed(string account, SeedRequest? request, SandboxStore store, IOptions<SandboxOptions> options)
    {
        if (store.Find(account) is not { } state)
        {
            return ControlEndpoints.NotFound(account);
        }

        if (request is null || request.Tickets is < 0 or > 5_000_000 || request.Customers is < 0 or > 5_000_000)
        {
            return ApiErrors.BadRequest("Invalid seed request.", "tickets", "tickets and customers: 0 to 5,000,000.");
        }

        lock (state.Sync)
        {
            // Salted with the account's size, so seeding again adds different data, the same in every run.
            var random = new Random(SandboxSeeder.SeedFor(options.Value.Seed, account, state.Tickets.Count + 1));
            DataGenerator.AddGenerated(state, request.Tickets ?? 0, request.Customers ?? 0, random);
            return Results.Ok(new { tickets = state.Tickets.Count, customers = state.Customers.Count });
        }
    }

    private static IResult WriteIn(string account, WriteInRequest? request, SandboxStore store)
    {
        if (store.Find(account) is not { } state)
        {
            return ControlEndpoints.NotFound(account);
        }

        var errors = new FieldErrors();
        if (request is null)
        {
            return ApiErrors.BadRequest("A JSON body is required.");
        }

        if (string.IsNullOrWhiteSpace(request.CustomerEmail) || !MailAddress.TryCreate(request.CustomerEmail, out _))
        {
            errors.Add("customer_email", "A valid email address is required.");
        }

        if (string.IsNullOrWhiteSpace(request.Body))
        {
            errors.Add("body", "The message must not be empty.");
        }

        var channel = request.Channel ?? "email";
        var via = CustomerChannels.ViaFor(channel);
        if (via is null)
        {
            errors.Add("channel", "Must be one of: " + string.Join(", ", CustomerChannels.All) + ".");
        }

        if (errors.Any)
        {
            return ApiErrors.BadRequest("Invalid ticket.", errors);
        }

        lock (state.Sync)
        {
            var ticket = TicketOperations.CreateTicket(
                state,
                new NewTicket(
                    [new NewMessage(channel, via!, FromAgent: false, Public: true, request.Body, null, Subject: request.Subject)],
                    channel,
                    via!,
                    CustomerEmail: request.CustomerEmail,
                    CustomerName: request.CustomerName,
                    Subject: request.Subject,
                    Language: request.Language),
                actingUserId: null);
            return Respond.Created(w => Shapes.WriteTicket(w, state, ticket));
        }
    }

    private static IResult Truth(string account, SandboxStore store)
    {
        if (store.Find(account) is not { } state)
        {
            return ControlEndpoints.NotFound(account);
        }

        lock (state.Sync)
        {
            return Results.Ok(state.Tickets.All
                .Where(t => t.TrueIntent is not null)
                .OrderBy(t => t.Id)
                .Select(t => new TicketTruth(t.Id, ToKebab(t.TrueIntent!), t.TrueUrgent, t.Language))
                .ToList());
        }
    }

    private static string ToKebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

public sealed record SeedRequest(int? Tickets, int? Customers);

public sealed record WriteInRequest(string? CustomerEmail, string? CustomerName, string? Subject, string? Body, string? Channel = null, string? Language = null);

/// <summary>What the generator meant a ticket to say: its intent (kebab-case, e.g. <c>order-status</c>), urgency, language.</summary>
public sealed record TicketTruth(long TicketId, string Intent, bool Urgent, string? Language);
