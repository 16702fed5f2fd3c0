using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Api.Auth;

public static class ClientInfoExtensions
{
    /// <summary>The caller's address and user agent, for audit events and the session list.</summary>
    public static ClientInfo ClientInfo(this HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new ClientInfo(
            context.Connection.RemoteIpAddress?.ToString(),
            string.IsNullOrEmpty(userAgent) ? null : userAgent.Length > 512 ? userAgent[..512] : userAgent);
    }
}
