using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace ChitLaq.Api;

/// <summary>
/// Behind nginx the connection comes from the proxy; the client's address (for per-IP limits and
/// the audit trail) is in X-Forwarded-For. It is believed only from loopback and from the
/// networks listed in <c>ForwardedHeaders:KnownNetworks:N</c> (CIDR, e.g. the compose network).
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddChitLaqForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var cidr in networks)
            {
                if (!System.Net.IPNetwork.TryParse(cidr, out var network))
                    throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks entry '{cidr}' is not a CIDR network.");
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }
}
