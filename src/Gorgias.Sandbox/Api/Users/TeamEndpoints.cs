using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Users;

/// <summary>
/// <c>/api/teams</c>: list, create, get, partial update (<c>members</c> replaced wholesale), delete. Scope
/// <c>teams</c>; <c>users</c> is accepted too because Gorgias' scope for teams is unconfirmed.
/// </summary>
internal static class TeamEndpoints
{
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 1024;
    public const int MaxMembers = 500;

    private static readonly HashSet<string> TeamFields = ["name", "description", "decoration", "members"];
    private static readonly HashSet<string> DecorationFields = ["emoji"];
    private static readonly HashSet<string> MemberFields = ["id", "name", "email", "meta"];

    public static RouteGroupBuilder MapTeams(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").RequireScope("teams", "users");
        teams.MapGet("/", List);
        teams.MapPost("/", (Delegate)Create);
        teams.MapGet("/{id:long}", Get);
        teams.MapPut("/{id:long}", Update);
        teams.MapDelete("/{id:long}", Delete);
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
            return cursors.WritePage(account, account.Teams, "teams", request, http.Request, null, (w, t) => Shapes.WriteTeam(w, account, t));
        }
    }

    private static IResult Get(HttpContext http, long id)
    {
        var (account, _) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            return account.Teams.Find(id) is { } team
                ? Respond.Ok(w => Shapes.WriteTeam(w, account, team))
                : ApiErrors.NotFound();
        }
    }

    private sealed record TeamInput(string? Name, bool HasDescription, string? Description, bool HasDecoration, string? Emoji, JsonArray? Members);

    private static TeamInput Parse(JsonObject body, FieldErrors errors, bool create)
    {
        var r = new BodyReader(body, errors);
        r.RejectUnknown(TeamFields);
        r.String("name", out var name, MaxNameLength, required: create, Nulls.Refused, allowEmpty: false);
        var hasDescription = r.String("description", out var description, MaxDescriptionLength, nulls: Nulls.Allowed);
        var hasDecoration = r.Object("decoration", out var decoration, nulls: Nulls.Allowed);
        string? emoji = null;
        if (decoration is not null)
        {
            var d = r.Nested("decoration", decoration);
            d.RejectUnknown(DecorationFields);
            d.String("emoji", out emoji, 32, nulls: Nulls.Allowed);
        }

        JsonArray? members = null;
        if (body.TryGetPropertyValue("members", out var membersNode))
        {
            if (membersNode is JsonArray array)
            {
                members = array;
                if (array.Count > MaxMembers)
                {
                    errors.Add("members", $"At most {MaxMembers} members.");
                }
            }
            else
            {
                errors.Add("members", membersNode is null ? BodyReader.NotNull : "Not a valid list: expected [{\"id\": <user id>}].");
            }
        }

        return new TeamInput(name, hasDescription, description, hasDecoration, emoji, members);
    }

    /// <summary>Resolves <c>members</c> to existing user ids (unknown ids are a 400). Under the account lock.</summary>
    private static List<long>? ResolveMembers(AccountState account, JsonArray members, FieldErrors errors)
    {
        var ids = new List<long>(members.Count);
        for (var i = 0; i < members.Count && i < MaxMembers; i++)
        {
            if (members[i] is not JsonObject member)
            {
                errors.Add($"members.{i}", "Not a valid object: expected {\"id\": <user id>}.");
                continue;
            }

            var r = new BodyReader(member, errors, BodyReader.Index("members", i));
            r.RejectUnknown(MemberFields);
            if (!r.Require("id"))
            {
                continue;
            }

            // A null id is not an integer here (not "may not be null").
            if (!BodyReader.TryInteger(member["id"], out var userId))
            {
                r.Error("id", "Not a valid integer.");
            }
            else if (!account.Users.Contains(userId))
            {
                r.Error("id", $"User {userId} does not exist.");
            }
            else if (!ids.Contains(userId))
            {
                ids.Add(userId);
            }
        }

        return errors.Any ? null : ids;
    }

    private static void Apply(Team team, TeamInput input, List<long>? members)
    {
        if (input.Name is not null)
        {
            team.Name = input.Name;
        }

        if (input.HasDescription)
        {
            team.Description = input.Description;
        }

        if (input.HasDecoration)
        {
            team.Emoji = input.Emoji;
        }

        if (members is not null)
        {
            team.MemberIds = members;
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

        var input = Parse(body!, errors, create: true);
        lock (account.Sync)
        {
            var members = input.Members is null ? null : ResolveMembers(account, input.Members, errors);
            if (errors.Any)
            {
                return ApiErrors.BadRequest("Failed to create team.", errors);
            }

            var now = account.Now();
            var team = new Team { Id = account.Store.Ids.Next(IdKind.Team), Name = input.Name!, CreatedDatetime = now, UpdatedDatetime = now };
            Apply(team, input, members);
            account.Teams.Add(team);
            account.RecordEvent("team-created", "Team", team.Id, caller.User.Id);
            return Respond.Created(w => Shapes.WriteTeam(w, account, team));
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
        lock (account.Sync)
        {
            if (account.Teams.Find(id) is not { } team)
            {
                return ApiErrors.NotFound();
            }

            var members = input.Members is null ? null : ResolveMembers(account, input.Members, errors);
            if (errors.Any)
            {
                return ApiErrors.BadRequest("Failed to update team.", errors);
            }

            var now = account.Now();
            Apply(team, input, members);
            account.Teams.Touch(team, now);
            account.RecordEvent("team-updated", "Team", team.Id, caller.User.Id);
            return Respond.Ok(w => Shapes.WriteTeam(w, account, team));
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
            if (account.Teams.Find(id) is not { } team)
            {
                return ApiErrors.NotFound();
            }

            var now = account.Now();
            account.Teams.Remove(team.Id);
            foreach (var ticket in account.Tickets.All.Where(t => t.AssigneeTeamId == team.Id).ToList())
            {
                ticket.AssigneeTeamId = null;
                account.Tickets.Touch(ticket, now);
            }

            account.RecordEvent("team-deleted", "Team", team.Id, caller.User.Id);
            return Respond.Empty(204);
        }
    }
}
