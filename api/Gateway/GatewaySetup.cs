using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChitLaq.Api.Gateway;

/// <summary>
/// The hardened HTTP edge: body size limits, CORS allow-list, security headers and HSTS
/// (see <see cref="GatewayOptions"/>). Forwarded headers and rate limits have setups of their own.
/// </summary>
public static class GatewaySetup
{
    public static IServiceCollection AddChitLaqGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GatewayOptions>(configuration, GatewayOptions.Section);

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<GatewayOptions>>((cors, gateway) => cors.AddDefaultPolicy(policy =>
            {
                if (gateway.Value.CorsAllowedOrigins.Length == 0) return; // same origin only: no CORS headers
                policy.WithOrigins(gateway.Value.CorsAllowedOrigins)
                    .AllowAnyHeader()
                    .AllowAnyMethod()
                    .AllowCredentials() // SignalR's negotiate is sent with credentials by browsers
                    .WithExposedHeaders("Retry-After", "ETag", "Location")
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            }));

        services.AddOptions<HstsOptions>().Configure<IOptions<GatewayOptions>>((hsts, gateway) =>
            hsts.MaxAge = TimeSpan.FromDays(gateway.Value.HstsMaxAgeDays));
        return services;
    }

    /// <summary>Runs first in the pipeline, after forwarded headers have set the scheme and client address.</summary>
    public static IApplicationBuilder UseChitLaqGateway(this IApplicationBuilder app, IHostEnvironment environment)
    {
        // HSTS only means something on HTTPS (behind nginx: X-Forwarded-Proto from a trusted proxy);
        // never in Development, where a browser would remember it for localhost.
        if (!environment.IsDevelopment())
            app.UseHsts();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseCors();
        return app;
    }
}
