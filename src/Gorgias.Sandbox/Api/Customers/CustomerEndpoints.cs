using System.Globalization;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Api.CustomFields;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Customers;

/// <summary>
/// <c>/api/customers</c>: list (filters), create (409 on a used email), get, partial update, delete, bulk delete,
/// merge, integration data, custom field values. Scope <c>customers</c>.
/// </summary>
internal static class CustomerEndpoints
{
    public const int MaxBulkIds = 100;

    private static readonly string[] ListFilters = ["email", "external_id", "name", "language", "timezone", "channel_type", "channel_address", "view_id"];
    private static readonly HashSet<string> DataFields = ["data", "version"];
    private static readonly HashSet<string> BulkFields = ["ids"];
    private static readonly HashSet<string> ValueFields = ["id", "value"];

    public static RouteGroupBuilder MapCustomers(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").RequireScope("customers");
        customers.MapGet("/", List);
        customers.MapPost("/", (Delegate)Create);
        customers.MapDelete("/", (Delegate)BulkDelete);
        customers.MapPut("/merge", (Delegate)Merge);
        customers.MapGet("/{id:long}", Get);
        customers.MapPut("/{id:long}", Update);
        customers.MapDelete("/{id:long}", Delete);
        customers.MapPut("/{id:long}/data", SetData);
        customers.MapGet("/{id:long}/custom-fields", ListValues);
        customers.MapPut("/{id:long}/custom-fields", SetValues);
        customers.MapGet("/{id:long}/custom-fields/{fieldId:long}", GetValue);
        customers.MapPut("/{id:long}/custom-fields/{fieldId:long}", SetValue);
        customers.MapDelete("/{id:long}/custom-fields/{fieldId:long}", DeleteValue);
        return api;
    }

    private static IResult List(HttpContext http, CursorBook cursors)
    {
        var (account, _) = http.Api();
        var errors = new FieldErrors();
        var request = ListQuery.Parse(http.Request, errors, ListFilters, OrderField.Created, OrderField.Updated);
        var query = http.Request.Query;
        string? Single(string key)
        {
            if (!query.TryGetValue(key, out var values))
            {
                return null;
            }

            if (values.Count > 1)
            {
                errors.Add(key, "Give this filter once.");
            }

            return values.ToString();
        }

        var email = Single("email");
        var externalId = Single("external_id");
        var name = Single("name");
        var language = Single("language");
        var timezone = Single("timezone");
        var channelType = Single("channel_type");
        var channelAddress = Single("channel_address");
        if ((channelType is null) != (channelAddress is null))
        {
            errors.Add(channelType is null ? "channel_type" : "channel_address", "channel_type and channel_address filter together: give both.");
        }

        if (query.ContainsKey("view_id"))
        {
            errors.Add("view_id", "Views are not emulated by the sandbox.");
        }

        if (errors.Any || request is null)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        Func<Customer, bool>? filter = null;
        if (email is not null || externalId is not null || name is not null || language is not null || timezone is not null || channelType is not null)
        {
            filter = c => (email is null || string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))
                && (externalId is null || c.ExternalId == externalId)
                && (name is null || string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                && (language is null || c.Language == language)
                && (timezone is null || c.Timezone == timezone)
                && (channelType is null || c.Channels.Any(ch => ch.Type == channelType && string.Equals(ch.Address, channelAddress, StringComparison.OrdinalIgnoreCase)));
        }

        lock (account.Sync)
        {
            return cursors.WritePage(account, account.Customers, "customers", request, http.Request, filter, Shapes.WriteCustomer);
        }
    }

    private static async Task<IResult> Create(HttpContext http)
    {
        var (account, caller) = http.Api();
        var errors = new FieldErrors();
        var (body, error) = await ApiInput.ReadAsync(http, errors);
        if (error is not null)
        {
            return error;
        }

        var input = CustomerInput.Parse(body!, CustomerInput.CreateFields, errors);
        lock (account.Sync)
        {
            var values = ReadValues(account, input, errors);
            if (errors.Any)
            {
                return ApiErrors.BadRequest("Failed to create customer.", errors);
            }

            if (input.Email is not null && CustomerStore.EmailOwner(account, input.Email) is not null)
            {
                return EmailConflict("Failed to create customer: the email address is already used by another customer.");
            }

            var now = account.Now();
            var customer = new Customer
            {
                Id = account.Store.Ids.Next(IdKind.Customer),
                CreatedDatetime = now,
                UpdatedDatetime = now,
            };
            input.ApplyTo(account, customer, now, values);
            TicketOperations.AddCustomer(account, customer, caller.User.Id, Guid.NewGuid());
            return Respond.Created(w => Shapes.WriteCustomer(w, customer));
        }
    }

    private static IResult Get(HttpContext http, long id)
    {
        var (account, _) = http.Api();
        var errors = new FieldErrors();
        QueryKeys.Check(http.Request, errors, "relationships");
        var withCustomFields = false;
        foreach (var relationship in ListQuery.Many(http.Request, "relationships"))
        {
            if (relationship == "custom_fields")
            {
                withCustomFields = true;
            }
            else
            {
                errors.Add("relationships", $"'{relationship}' is not a relationship of customers (only custom_fields).");
            }
        }

        if (errors.Any)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        lock (account.Sync)
        {
            if (account.Customers.Find(id) is not { } customer)
            {
                return ApiErrors.NotFound();
            }

            if (!withCustomFields)
            {
                return Respond.Ok(w => Shapes.WriteCustomer(w, customer));
            }

            var node = GorgiasJson.BuildNode(w => Shapes.WriteCustomer(w, customer)).AsObject();
            var fields = new JsonObject();
            foreach (var value in customer.CustomFields)
            {
                fields[value.FieldId.ToString(CultureInfo.InvariantCulture)] = new JsonObject { ["id"] = value.FieldId, ["value"] = value.Value?.DeepClone() };
            }

            node["custom_fields"] = fields;
            return Respond.Node(200, node);
        }
    }

    private static async Task<IResult> Update(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        var errors = new FieldErrors();
        var (body, error) = await ApiInput.ReadAsync(http, errors);
        if (error is not null)
        {
            return error;
        }

        var input = CustomerInput.Parse(body!, CustomerInput.CreateFields, errors);
        lock (account.Sync)
        {
            if (account.Customers.Find(id) is not { } customer)
            {
                return ApiErrors.NotFound();
            }

            var values = ReadValues(account, input, errors);
            if (errors.Any)
            {
                return ApiErrors.BadRequest("Failed to update customer.", errors);
            }

            if (input.NewEmail(customer.Email) is { } email && CustomerStore.EmailOwner(account, email) is { } owner && owner != customer.Id)
            {
                return EmailConflict("Failed to update customer: the email address is already used by another customer.");
            }

            var now = account.Now();
            input.ApplyTo(account, customer, now, values);
            account.Customers.Touch(customer, now);
            account.RecordEvent("customer-updated", "Customer", customer.Id, caller.User.Id);
            return Respond.Ok(w => Shapes.WriteCustomer(w, customer));
        }
    }

    private static IResult Delete(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            if (account.Customers.Find(id) is not { } customer)
            {
                return ApiErrors.NotFound();
            }

            CustomerStore.Delete(account, customer, caller.User.Id, Guid.NewGuid());
            return Respond.Empty(204);
        }
    }

    private static async Task<IResult> BulkDelete(HttpContext http)
    {
        var (account, caller) = http.Api();
        var errors = new FieldErrors();
        var (body, error) = await ApiInput.ReadAsync(http, errors);
        if (error is not null)
        {
            return error;
        }

        new BodyReader(body!, errors).RejectUnknown(BulkFields);
        var ids = new List<long>();
        if (!body!.TryGetPropertyValue("ids", out var idsNode))
        {
            errors.Add("ids", BodyReader.Missing);
        }
        else if (idsNode is not JsonArray array || array.Count == 0)
        {
            errors.Add("ids", "Not a valid list: expected a non-empty list of customer ids.");
        }
        else if (array.Count > MaxBulkIds)
        {
            errors.Add("ids", $"At most {MaxBulkIds} ids.");
        }
        else
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (BodyReader.TryInteger(array[i], out var customerId))
                {
                    ids.Add(customerId);
                }
                else
                {
                    errors.Add($"ids.{i}", "Not a valid integer.");
                }
            }
        }

        if (errors.Any)
        {
            return ApiErrors.BadRequest("Failed to delete customers.", errors);
        }

        lock (account.Sync)
        {
            var context = Guid.NewGuid();
            foreach (var customerId in ids.Distinct())
            {
                if (account.Customers.Find(customerId) is { } customer)
                {
                    CustomerStore.Delete(account, customer, caller.User.Id, context);
                }
            }

            return Respond.Empty(204);
        }
    }

    private static async Task<IResult> Merge(HttpContext http)
    {
        var (account, caller) = http.Api();
        var errors = new FieldErrors();
        var (body, error) = await ApiInput.ReadAsync(http, errors, allowEmpty: true, "source_id", "target_id");
        if (error is not null)
        {
            return error;
        }

        var sourceId = RequiredQueryId(http.Request, "source_id", errors);
        var targetId = RequiredQueryId(http.Request, "target_id", errors);

        var input = CustomerInput.Parse(body!, CustomerInput.MergeFields, errors);
        if (!errors.Any && sourceId == targetId)
        {
            errors.Add("source_id", "The source and the target must be different customers.");
        }

        if (errors.Any)
        {
            return ApiErrors.BadRequest("Failed to merge customers.", errors);
        }

        lock (account.Sync)
        {
            if (account.Customers.Find(sourceId!.Value) is not { } source || account.Customers.Find(targetId!.Value) is not { } target)
            {
                return ApiErrors.NotFound();
            }

            if (input.Email is not null && CustomerStore.EmailOwner(account, input.Email) is { } owner && owner != source.Id && owner != target.Id)
            {
                return EmailConflict("Failed to merge customers: the email address is already used by another customer.");
            }

            var context = Guid.NewGuid();
            CustomerStore.Merge(account, source, target, caller.User.Id, context);
            input.ApplyTo(account, target, account.Now(), null);
            return Respond.Ok(w => Shapes.WriteCustomer(w, target));
        }
    }

    private static async Task<IResult> SetData(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        var errors = new FieldErrors();
        var (body, error) = await ApiInput.ReadAsync(http, errors);
        if (error is not null)
        {
            return error;
        }

        var r = new BodyReader(body!, errors);
        r.RejectUnknown(DataFields);
        r.Require("data");
        r.Date("version", out var version);
        if (errors.Any)
        {
            return ApiErrors.BadRequest("Failed to set customer data.", errors);
        }

        lock (account.Sync)
        {
            if (account.Customers.Find(id) is not { } customer)
            {
                return ApiErrors.NotFound();
            }

            // Optimistic concurrency: a version older than the stored one is silently ignored.
            if (version is { } v && customer.DataVersion is { } stored && v < stored)
            {
                return Respond.Ok(w => Shapes.WriteCustomer(w, customer));
            }

            customer.Data = body!["data"]?.DeepClone();
            customer.DataVersion = version ?? customer.DataVersion;
            account.Customers.Touch(customer, account.Now());
            account.RecordEvent("customer-updated", "Customer", customer.Id, caller.User.Id);
            return Respond.Ok(w => Shapes.WriteCustomer(w, customer));
        }
    }

    private static IResult ListValues(HttpContext http, long id)
    {
        var (account, _) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            return account.Customers.Find(id) is { } customer
                ? CustomFieldValues.RespondList(account, customer.CustomFields, $"/api/customers/{id}/custom-fields")
                : ApiErrors.NotFound();
        }
    }

    private static async Task<IResult> SetValues(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        var errors = new FieldErrors();
        QueryKeys.Check(http.Request, errors);
        var (body, error) = await RequestBody.ReadNodeAsync(http);
        if (error is not null)
        {
            return error;
        }

        lock (account.Sync)
        {
            if (account.Customers.Find(id) is not { } customer)
            {
                return ApiErrors.NotFound();
            }

            var values = CustomFieldValues.ReadList(account, body, "Customer", errors, "custom_fields");
            if (errors.Any || values is null)
            {
                return ApiErrors.BadRequest("Failed to update the customer's custom fields.", errors);
            }

            CustomFieldValues.Apply(customer.CustomFields, values);
            account.Customers.Touch(customer, account.Now());
            account.RecordEvent("customer-updated", "Customer", customer.Id, caller.User.Id);
            return CustomFieldValues.RespondList(account, customer.CustomFields, $"/api/customers/{id}/custom-fields");
        }
    }

    private static IResult GetValue(HttpContext http, long id, long fieldId)
    {
        var (account, _) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            return account.Customers.Find(id)?.CustomFields.FirstOrDefault(v => v.FieldId == fieldId) is { } value
                ? Respond.Ok(w => CustomFieldValues.WriteValue(w, account, value))
                : ApiErrors.NotFound();
        }
    }

    private static async Task<IResult> SetValue(HttpContext http, long id, long fieldId)
    {
        var (account, caller) = http.Api();
        var errors = new FieldErrors();
        var (body, error) = await ApiInput.ReadAsync(http, errors);
        if (error is not null)
        {
            return error;
        }

        var r = new BodyReader(body!, errors);
        r.RejectUnknown(ValueFields);
        r.Require("value");
        if (body!.TryGetPropertyValue("id", out var idNode) && (!BodyReader.TryInteger(idNode, out var bodyId) || bodyId != fieldId))
        {
            r.Error("id", "Must be the custom field id of the URL.");
        }

        lock (account.Sync)
        {
            if (account.Customers.Find(id) is not { } customer)
            {
                return ApiErrors.NotFound();
            }

            if (errors.Any || !CustomFieldValues.TryValue(account, fieldId, body["value"], "Customer", errors, "value", out var value))
            {
                return ApiErrors.BadRequest("Failed to update the customer's custom field.", errors);
            }

            var update = new TicketCustomFieldValue { FieldId = fieldId, Value = value };
            CustomFieldValues.Apply(customer.CustomFields, [update]);
            account.Customers.Touch(customer, account.Now());
            account.RecordEvent("customer-updated", "Customer", customer.Id, caller.User.Id);
            return Respond.Ok(w => CustomFieldValues.WriteValue(w, account, update));
        }
    }

    private static IResult DeleteValue(HttpContext http, long id, long fieldId)
    {
        var (account, caller) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            if (account.Customers.Find(id) is not { } customer)
            {
                return ApiErrors.NotFound();
            }

            if (customer.CustomFields.RemoveAll(v => v.FieldId == fieldId) > 0)
            {
                account.Customers.Touch(customer, account.Now());
                account.RecordEvent("customer-updated", "Customer", customer.Id, caller.User.Id);
            }

            return Respond.Empty(204);
        }
    }

    private static List<TicketCustomFieldValue>? ReadValues(AccountState account, CustomerInput input, FieldErrors errors) =>
        input.HasCustomFields ? CustomFieldValues.ReadList(account, input.CustomFieldsNode, "Customer", errors, "custom_fields") : null;

    private static long? RequiredQueryId(HttpRequest request, string key, FieldErrors errors)
    {
        if (!request.Query.TryGetValue(key, out var text) || string.IsNullOrEmpty(text))
        {
            errors.Add(key, BodyReader.Missing);
            return null;
        }

        if (text.Count > 1 || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            errors.Add(key, "Not a valid customer id.");
            return null;
        }

        return value;
    }

    private static IResult EmailConflict(string msg) =>
        ApiErrors.Conflict(msg, "email", "A customer with this email address already exists.");
}
