using System.Text.Json;

namespace Saas.Gorgias.Api;

/// <summary>The account itself (<c>GET /api/account</c>): its domain is the trusted way to name the account of a token.</summary>
public sealed record GorgiasAccountInfo(
    long Id,
    string Domain,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? DeactivatedDatetime,
    JsonElement? Meta,
    GorgiasAccountStatus? Status);

/// <summary>The <c>status</c> object of an account (<c>{"status": "active"}</c>).</summary>
public sealed record GorgiasAccountStatus(string? Status);

/// <summary>The role of a user (<c>{"name": "admin"}</c>).</summary>
public sealed record GorgiasRole(string? Name);

/// <summary>A helpdesk user (agent) as <c>/api/users</c> returns it; <c>/api/users/0</c> is the caller.</summary>
public sealed record GorgiasUser(
    long Id,
    string? Email,
    string? Name,
    string? Firstname,
    string? Lastname,
    string? Bio,
    bool? Active,
    GorgiasRole? Role,
    string? Language,
    string? Timezone,
    string? ExternalId,
    JsonElement? Meta,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? UpdatedDatetime,
    DateTimeOffset? DeactivatedDatetime,
    string? Uri);

/// <summary>
/// A user, customer or team as embedded in another object (ticket assignee, message sender/receiver, team member):
/// fewer fields than the full resource, all but the id optional.
/// </summary>
public sealed record GorgiasParty(
    long Id,
    string? Email,
    string? Name,
    string? Firstname,
    string? Lastname,
    JsonElement? Meta);

/// <summary>A team as embedded in a ticket (<c>assignee_team</c>).</summary>
public sealed record GorgiasTeamRef(long Id, string? Name, JsonElement? Decoration);

/// <summary>A team of agents (<c>/api/teams</c>).</summary>
public sealed record GorgiasTeam(
    long Id,
    string Name,
    string? Description,
    JsonElement? Decoration,
    IReadOnlyList<GorgiasParty>? Members,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? UpdatedDatetime,
    string? Uri);

/// <summary>One contact channel of a customer (email address, phone number, ...).</summary>
public sealed record GorgiasCustomerChannel(
    long? Id,
    string Type,
    string Address,
    bool? Preferred,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? UpdatedDatetime,
    DateTimeOffset? DeletedDatetime);

/// <summary>A customer (<c>/api/customers</c>, and embedded as a ticket's <c>customer</c>).</summary>
public sealed record GorgiasCustomer(
    long Id,
    string? Email,
    string? Name,
    string? Firstname,
    string? Lastname,
    string? ExternalId,
    string? Language,
    string? Timezone,
    string? Note,
    IReadOnlyList<GorgiasCustomerChannel>? Channels,
    JsonElement? Data,
    JsonElement? Meta,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? UpdatedDatetime,
    string? Uri);

/// <summary>Body of <c>POST /api/customers</c> and <c>PUT /api/customers/{id}</c> (partial: unset members are not sent).</summary>
public sealed record GorgiasCustomerRequest(
    string? Email = null,
    string? Name = null,
    string? Firstname = null,
    string? Lastname = null,
    string? ExternalId = null,
    string? Language = null,
    string? Timezone = null,
    string? Note = null,
    IReadOnlyList<GorgiasChannelRequest>? Channels = null,
    JsonElement? Data = null,
    JsonElement? Meta = null);

/// <summary>A channel in a customer request.</summary>
public sealed record GorgiasChannelRequest(string Type, string Address, bool? Preferred = null);

/// <summary>Filters of <c>GET /api/customers</c> (all optional; channel type and address go together).</summary>
public sealed record GorgiasCustomerQuery(
    string? Email = null,
    string? ExternalId = null,
    string? Name = null,
    string? Language = null,
    string? Timezone = null,
    string? ChannelType = null,
    string? ChannelAddress = null,
    GorgiasOrder? OrderBy = null);
