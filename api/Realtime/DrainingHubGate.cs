using ChitLaq.Api.Problems;
using Microsoft.Extensions.Hosting;

namespace ChitLaq.Api.Realtime;

/// <summary>
/// Once the node is stopping, refuses new hub connections (negotiate and connect) with 503
/// <c>service_unavailable</c> and <c>Retry-After: 1</c>.
/// Why: on shutdown SignalR closes every hub connection at once, and clients reconnect within
/// milliseconds — to this node, whose server still listens until its hosted service stops. Those
/// new sockets then held the server's stop (and with it the silo's graceful leave, which shares
/// the host's shutdown timeout) for the whole timeout. Refused, the client retries after its back-off
/// and reaches another node (or this one's successor).
/// </summary>
internal sealed class DrainingHubGate(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!lifetime.ApplicationStopping.IsCancellationRequested
            || !context.Request.Path.StartsWithSegments(ChatHub.Route))
            return next(context);

        context.Response.Headers.RetryAfter = "1";
        context.Response.Headers.Connection = "close";
        return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable,
            "This node is shutting down.", "Connect again; another node will take the connection.").ExecuteAsync(context);
    }
}
