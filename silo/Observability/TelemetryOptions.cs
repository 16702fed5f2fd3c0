using ChitLaq.Grains;

namespace ChitLaq.Silo.Observability;

/// <summary>Traces (<c>Telemetry</c> section; the OTLP endpoint itself is the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).</summary>
public sealed class TelemetryOptions : ISelfValidatingOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Record traces even without an OTLP endpoint (an exporter added in code, as the tests do).
    /// With neither, no span is made at all: recording one for every grain call and SQL command
    /// with nobody to send it to cost the chat benchmark a measurable share of the node's CPU.
    /// </summary>
    public bool Traces { get; set; }

    /// <summary>The share of new traces recorded (a request's children follow its decision); 1 records all.</summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    public IEnumerable<string> Validate()
    {
        if (!(TraceSampleRatio > 0 && TraceSampleRatio <= 1)) yield return "Telemetry:TraceSampleRatio must be above 0 and at most 1.";
    }
}
