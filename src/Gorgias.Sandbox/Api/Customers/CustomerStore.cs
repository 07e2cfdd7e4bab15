using System.Text.Json.Nodes;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Customers;

/// <summary>Customer mutations beyond <see cref="TicketOperations.AddCustomer"/>: email index upkeep, delete, merge. Callers hold the account lock.</summary>
internal static class CustomerStore
{
    /// <summary>The id of the live customer whose primary email is <paramref name="email"/> (case-insensitive), if any.</summary>
    public static long? EmailOwner(AccountState account, string email) =>
        account.CustomerIdsByEmail.TryGetValue(email, out var id) && account.Customers.Contains(id) ? id : null;

    public static void Index(AccountState account, Customer customer)
    {
        if (customer.Email is not null)
        {
            account.CustomerIdsByEmail[customer.Email] = customer.Id;
        }
    }

    public static void Unindex(AccountState account, string? email, long customerId)
    {
        if (email is not null && account.CustomerIdsByEmail.TryGetValue(email, out var id) && id == customerId)
        {
            account.CustomerIdsByEmail.Remove(email);
        }
    }

    /// <summary>
    /// Deletes a customer: it leaves the table and the email index; its tickets keep their <c>customer_id</c> (their
    /// <c>customer</c> then reads null). Records <c>customer-deleted</c>.
    /// </summary>
    public static void Delete(AccountState account, Customer customer, long? actingUserId, Guid context)
    {
        account.Customers.Remove(customer.Id);
        Unindex(account, customer.Email, customer.Id);
        account.RecordEvent("customer-deleted", "Customer", customer.Id, actingUserId, null, context);
    }

    /// <summary>
    /// Merges <paramref name="source"/> into <paramref name="target"/>: the source's tickets, messages and surveys
    /// move to the target, its channels and custom field values are added, blank target fields are filled from it,
    /// then it is deleted. Records <c>customer-merged</c> (target) and <c>customer-deleted</c> (source).
    /// The body's fields are applied afterwards by the caller.
    /// </summary>
    public static void Merge(AccountState account, Customer source, Customer target, long? actingUserId, Guid context)
    {
        var now = account.Now();
        foreach (var ticket in account.Tickets.All.Where(t => t.CustomerId == source.Id).ToList())
        {
            ticket.CustomerId = target.Id;
            foreach (var messageId in ticket.MessageIds)
            {
                if (account.Messages.Find(messageId) is { } message)
                {
                    if (!message.FromAgent && message.SenderId == source.Id)
                    {
                        message.SenderId = target.Id;
                    }

                    if (message.ReceiverId == source.Id)
                    {
                        message.ReceiverId = target.Id;
                    }
                }
            }

            account.Tickets.Touch(ticket, now);
        }

        foreach (var survey in account.Surveys.All.Where(s => s.CustomerId == source.Id).ToList())
        {
            survey.CustomerId = target.Id;
            account.Surveys.Touch(survey, now);
        }

        foreach (var channel in source.Channels)
        {
            if (!target.Channels.Any(c => c.Type == channel.Type && string.Equals(c.Address, channel.Address, StringComparison.OrdinalIgnoreCase)))
            {
                target.Channels.Add(new CustomerChannel
                {
                    Id = channel.Id,
                    Type = channel.Type,
                    Address = channel.Address,
                    Preferred = channel.Preferred && !target.Channels.Any(c => c.Type == channel.Type && c.Preferred),
                    CreatedDatetime = channel.CreatedDatetime,
                    UpdatedDatetime = now,
                });
            }
        }

        foreach (var value in source.CustomFields)
        {
            if (!target.CustomFields.Any(v => v.FieldId == value.FieldId))
            {
                target.CustomFields.Add(new TicketCustomFieldValue { FieldId = value.FieldId, Value = value.Value?.DeepClone() });
            }
        }

        if (target.Name is null && source.Name is not null)
        {
            target.Name = source.Name;
            target.Firstname = source.Firstname;
            target.Lastname = source.Lastname;
        }

        target.ExternalId ??= source.ExternalId;
        target.Language ??= source.Language;
        target.Note ??= source.Note;
        target.Data ??= source.Data?.DeepClone();

        if (target.Email is null && source.Email is not null)
        {
            target.Email = source.Email;
            Index(account, target); // the index now names the target, so deleting the source keeps it
        }

        account.Customers.Touch(target, now);
        account.RecordEvent("customer-merged", "Customer", target.Id, actingUserId, new JsonObject { ["source_id"] = source.Id, ["target_id"] = target.Id }, context);
        Delete(account, source, actingUserId, context);
    }
}
