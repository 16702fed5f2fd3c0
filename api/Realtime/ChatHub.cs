using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Api.Realtime;

/// <summary>
/// The realtime endpoint at /hubs/chat. Conversations, receipts, typing and presence are added
/// by the messaging work; the route, protocol, authentication and hosting exist from the start
/// so that clients and nginx can be set up against them. A connection needs a valid access token.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class ChatHub : Hub
{
    public const string Route = "/hubs/chat";
}
