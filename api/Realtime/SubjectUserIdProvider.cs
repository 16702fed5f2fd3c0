using ChitLaq.Api.Auth;
using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Api.Realtime;

/// <summary>SignalR addresses a user by the access token's <c>sub</c> (the user id).</summary>
internal sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.UserId();
}
