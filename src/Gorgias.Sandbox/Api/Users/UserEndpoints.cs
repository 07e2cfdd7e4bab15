using System.Text.Json.Nodes;
using Gorgias.Sandbox.Generator;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;

namespace Gorgias.Sandbox.Api.Users;

/// <summary>
/// <c>/api/users</c>: list, get (<c>/api/users/0</c> is the caller), create (admins only; 409 on a used email),
/// partial update, delete (the user's API key and OAuth tokens stop working). Scope <c>users</c>.
/// </summary>
internal static class UserEndpoints
{
    public const int MaxNameLength = 255;
    public const int MaxBioLength = 1024;

    public static readonly string[] Roles = ["admin", "agent", "lite-agent", "basic-agent", "observer-agent"];

    private static readonly HashSet<string> CreateFields = ["email", "name", "firstname", "lastname", "role", "bio", "timezone", "language", "active"];
    private static readonly HashSet<string> RoleFields = ["name"];

    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").RequireScope("users");
        users.MapGet("/", List);
        users.MapPost("/", (Delegate)Create);
        users.MapGet("/{id:long}", Get);
        users.MapPut("/{id:long}", Update);
        users.MapDelete("/{id:long}", Delete);
        return api;
    }

    private static IResult List(HttpContext http, CursorBook cursors)
    {
        var (account, _) = http.Api();
        var errors = new FieldErrors();
        var request = ListQuery.Parse(http.Request, errors, [], OrderField.Created, OrderField.Updated);
        if (errors.Any || request is null)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        lock (account.Sync)
        {
            return cursors.WritePage(account, account.Users, "users", request, http.Request, null, Shapes.WriteUser);
        }
    }

    /// <summary>The user a path id names: 0 is the caller.</summary>
    private static User? Resolve(AccountState account, Caller caller, long id) =>
        account.Users.Find(id == 0 ? caller.User.Id : id);

    private static IResult Get(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            return Resolve(account, caller, id) is { } user
                ? Respond.Ok(w => Shapes.WriteUser(w, user))
                : ApiErrors.NotFound();
        }
    }

    private sealed record UserInput(
        bool HasEmail, string? Email,
        bool HasName, string? Name,
        bool HasFirstname, string? Firstname,
        bool HasLastname, string? Lastname,
        string? Role,
        bool HasBio, string? Bio,
        string? Timezone,
        string? Language,
        bool HasActive, bool Active);

    private static UserInput Parse(JsonObject body, FieldErrors errors, bool create)
    {
        var r = new BodyReader(body, errors);
        r.RejectUnknown(CreateFields);
        var hasEmail = r.Email("email", out var email, required: create, Nulls.Refused);
        var hasName = r.String("name", out var name, MaxNameLength, nulls: Nulls.Allowed);
        var hasFirst = r.String("firstname", out var first, MaxNameLength, nulls: Nulls.Allowed);
        var hasLast = r.String("lastname", out var last, MaxNameLength, nulls: Nulls.Allowed);
        var hasBio = r.String("bio", out var bio, MaxBioLength, nulls: Nulls.Allowed);
        r.Timezone("timezone", out var timezone, Nulls.Refused);
        r.Language("language", out var language, Nulls.Refused);
        var hasActive = r.Bool("active", out var active, nulls: Nulls.Refused);
        string? role = null;
        if (r.Object("role", out var roleObject, required: create, Nulls.Refused) && roleObject is not null)
        {
            var roleReader = r.Nested("role", roleObject);
            roleReader.RejectUnknown(RoleFields);
            if (roleReader.String("name", out var roleName, 64, required: true, Nulls.Refused))
            {
                if (Roles.Contains(roleName, StringComparer.Ordinal))
                {
                    role = roleName;
                }
                else
                {
                    roleReader.Error("name", $"Must be one of: {string.Join(", ", Roles)}.");
                }
            }
        }

        return new UserInput(hasEmail, email, hasName, name, hasFirst, first, hasLast, last, role, hasBio, bio, timezone, language, hasActive, active);
    }

    private static void Apply(User user, UserInput input, DateTimeOffset now)
    {
        if (input.HasEmail && input.Email is not null)
        {
            user.Email = input.Email;
        }

        if (input.HasFirstname)
        {
            user.Firstname = input.Firstname ?? "";
        }

        if (input.HasLastname)
        {
            user.Lastname = input.Lastname ?? "";
        }

        if (input.HasName && !input.HasFirstname && !input.HasLastname)
        {
            (user.Firstname, user.Lastname) = TicketOperations.SplitName(input.Name);
        }

        if (input.Role is not null)
        {
            user.Role = input.Role;
        }

        if (input.HasBio)
        {
            user.Bio = input.Bio;
        }

        if (input.Timezone is not null)
        {
            user.Timezone = input.Timezone;
        }

        if (input.Language is not null)
        {
            user.Language = input.Language;
        }

        if (input.HasActive && input.Active != user.Active)
        {
            user.Active = input.Active;
            user.DeactivatedDatetime = input.Active ? null : now;
        }
    }

    private static bool EmailTaken(AccountState account, string email, long? except) =>
        account.Users.All.Any(u => u.Id != except && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));

    private static IResult EmailConflict(string msg) =>
        ApiErrors.Conflict(msg, "email", "A user with this email address already exists.");

    private static IResult NotAdmin() =>
        ApiErrors.Forbidden("Your role does not allow this: only admins can manage other users, roles and activation.");

    private static async Task<IResult> Create(HttpContext http)
    {
        var (account, caller) = http.Api();
        var errors = new FieldErrors();
        var (body, error) = await ApiInput.ReadAsync(http, errors);
        if (error is not null)
        {
            return error;
        }

        var input = Parse(body!, errors, create: true);
        if (errors.Any)
        {
            return ApiErrors.BadRequest("Failed to create user.", errors);
        }

        lock (account.Sync)
        {
            if (caller.User.Role != "admin")
            {
                return NotAdmin();
            }

            if (EmailTaken(account, input.Email!, null))
            {
                return EmailConflict("Failed to create user: the email address is already used by another user.");
            }

            var now = account.Now();
            var user = new User
            {
                Id = account.Store.Ids.Next(IdKind.User),
                Email = input.Email!,
                ApiKey = DataGenerator.RandomKey(),
                CreatedDatetime = now,
                UpdatedDatetime = now,
            };
            Apply(user, input, now);
            account.Users.Add(user);
            account.RecordEvent("user-created", "User", user.Id, caller.User.Id);
            return Respond.Created(w => Shapes.WriteUser(w, user));
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

        var input = Parse(body!, errors, create: false);
        if (errors.Any)
        {
            return ApiErrors.BadRequest("Failed to update user.", errors);
        }

        lock (account.Sync)
        {
            if (Resolve(account, caller, id) is not { } user)
            {
                return ApiErrors.NotFound();
            }

            var self = user.Id == caller.User.Id;
            var privileged = (input.Role is not null && input.Role != user.Role) || (input.HasActive && input.Active != user.Active);
            if (caller.User.Role != "admin" && (!self || privileged))
            {
                return NotAdmin();
            }

            if (user.Role == "admin" && user.Active && ((input.Role is not null && input.Role != "admin") || (input.HasActive && !input.Active))
                && LastAdmin(account, user))
            {
                return ApiErrors.BadRequest("Failed to update user.", "role", "The account must keep at least one active admin.");
            }

            if (input.HasEmail && input.Email is not null && EmailTaken(account, input.Email, user.Id))
            {
                return EmailConflict("Failed to update user: the email address is already used by another user.");
            }

            var now = account.Now();
            Apply(user, input, now);
            account.Users.Touch(user, now);
            account.RecordEvent("user-updated", "User", user.Id, caller.User.Id);
            return Respond.Ok(w => Shapes.WriteUser(w, user));
        }
    }

    private static bool LastAdmin(AccountState account, User user) =>
        !account.Users.All.Any(u => u.Id != user.Id && u.Active && u.Role == "admin");

    private static IResult Delete(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            if (Resolve(account, caller, id) is not { } user)
            {
                return ApiErrors.NotFound();
            }

            if (caller.User.Role != "admin")
            {
                return NotAdmin();
            }

            if (user.Role == "admin" && user.Active && LastAdmin(account, user))
            {
                return ApiErrors.BadRequest("Failed to delete user.", "id", "The account must keep at least one active admin.");
            }

            var now = account.Now();
            var context = Guid.NewGuid();
            user.Active = false;
            user.DeactivatedDatetime = now;
            account.Users.Remove(user.Id);
            foreach (var team in account.Teams.All.Where(t => t.MemberIds.Contains(user.Id)).ToList())
            {
                team.MemberIds.Remove(user.Id);
                account.Teams.Touch(team, now);
            }

            foreach (var ticket in account.Tickets.All.Where(t => t.AssigneeUserId == user.Id).ToList())
            {
                ticket.AssigneeUserId = null;
                account.Tickets.Touch(ticket, now);
            }

            account.RecordEvent("user-deleted", "User", user.Id, caller.User.Id, null, context);
            return Respond.Empty(204);
        }
    }
}
