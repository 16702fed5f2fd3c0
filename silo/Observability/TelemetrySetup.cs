using ChitLaq.Grains;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChitLaq.Silo.Observability;

/// <summary>
/// Metrics (Prometheus text at /metrics) and traces (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is
/// set): one trace runs from the HTTP request through the grain calls to the SQL commands. Without
/// an exporter no spans are recorded (see <see cref="TelemetryOptions.Traces"/>).
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "chitlaq";

    public static WebApplicationBuilder AddChitLaqTelemetry(this WebApplicationBuilder builder)
    {
        var otlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddSelfValidatingOptions<TelemetryOptions>(builder.Configuration, TelemetryOptions.Section);
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var exporting = !string.IsNullOrWhiteSpace(otlpEndpoint);

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Microsoft.Orleans")
                    .AddMeter(Grains.ChitLaqMetrics.MeterName)
                    .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
            });
        if (!exporting && !telemetry.Traces) return builder;
        builder.Services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(telemetry.TraceSampleRatio)))
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health")
                                                && !context.Request.Path.StartsWithSegments("/metrics"))
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddNpgsql();
            if (exporting)
                tracing.AddOtlpExporter();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapChitLaqMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription();
        return endpoints;
    }
}
