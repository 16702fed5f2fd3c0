namespace ChitLaq.Silo.Observability;

/// <summary>
/// Structured logs: one JSON object per line outside Development (what log shippers read), with
/// the trace and span ids of the request that wrote them; readable single lines in Development.
/// </summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddChitLaqLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        // "Request starting GET /hubs/chat?access_token=…": the hosting layer logs whole URLs, and
        // browsers can only pass the hub's token in the query. Requests are traced and counted
        // instead; this category is held at Warning whatever the configured levels say.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", level => level >= LogLevel.Warning);

        // SignalR's dispatcher logs every failed invocation at Error, refusals by design
        // (validation_failed, not_found) included; HubErrorFilter logs the real failures.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", level => level >= LogLevel.Critical);

        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.IncludeScopes = true;
                options.TimestampFormat = "HH:mm:ss.fff ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        return builder;
    }
}
