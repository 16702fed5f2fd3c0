using System.Net;
using Orleans.Dashboard;

namespace ChitLaq.Silo.Observability;

/// <summary>
/// The Orleans Dashboard (grain activations, call rates, silos) for operators only. It is
/// served on a port of its own (<c>Dashboard:Port</c>, bound to <c>Dashboard:BindAddress</c>,
/// loopback by default), never on the public port that nginx forwards: reach it with an SSH
/// tunnel. Every silo of a cluster adds the dashboard's grains when <c>Dashboard:Enabled</c> is
/// true (set it the same on all nodes); only nodes with a port serve the pages.
/// </summary>
public static class DashboardSetup
{
    public const string RoutePrefix = "/dashboard";

    private sealed record DashboardSettings(bool Enabled, int Port, IPAddress BindAddress);

    private static DashboardSettings Read(IConfiguration configuration)
    {
        var enabled = configuration.GetValue("Dashboard:Enabled", false);
        var port = configuration.GetValue("Dashboard:Port", 0);
        var bindText = configuration["Dashboard:BindAddress"];
        var bind = IPAddress.Loopback;
        if (port is < 0 or > 65535)
            throw new InvalidOperationException($"ChitLaq cannot start: Dashboard:Port {port} is not a port (0 = no dashboard pages on this node).");
        if (!string.IsNullOrWhiteSpace(bindText) && !IPAddress.TryParse(bindText, out bind!))
            throw new InvalidOperationException($"ChitLaq cannot start: Dashboard:BindAddress '{bindText}' is not an IP address.");
        if (port > 0 && !enabled)
            throw new InvalidOperationException("ChitLaq cannot start: Dashboard:Port is set but Dashboard:Enabled is false.");
        return new DashboardSettings(enabled, port, bind);
    }

    public static WebApplicationBuilder AddChitLaqDashboard(this WebApplicationBuilder builder)
    {
        var settings = Read(builder.Configuration);
        if (!settings.Enabled) return builder;

        // Its live log view would show log lines to whoever holds the port: keep it off.
        builder.UseOrleans(silo => silo.AddDashboard(options => options.HideTrace = true));
        if (settings.Port > 0)
        {
            var host = settings.BindAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"[{settings.BindAddress}]" : settings.BindAddress.ToString();
            var urls = builder.Configuration["urls"] is { Length: > 0 } configured ? configured : "http://localhost:5000";
            builder.WebHost.UseUrls($"{urls};http://{host}:{settings.Port}");
        }
        return builder;
    }

    public static WebApplication MapChitLaqDashboard(this WebApplication app)
    {
        var settings = Read(app.Configuration);
        if (settings.Port == 0) return app;

        // The pages answer only on the dashboard port: a Host header cannot fake the local port.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(RoutePrefix) && context.Connection.LocalPort != settings.Port)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });
        app.MapOrleansDashboard(routePrefix: RoutePrefix);
        return app;
    }
}
