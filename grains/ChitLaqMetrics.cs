using System.Diagnostics.Metrics;

namespace ChitLaq.Grains;

/// <summary>Business and fan-out metrics (meter "ChitLaq", exported at /metrics).</summary>
public sealed class ChitLaqMetrics
{
    public const string MeterName = "ChitLaq";

    public ChitLaqMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        FanoutDuration = meter.CreateHistogram<double>("chitlaq.fanout.duration", "s",
            "Time from the start of a fan-out until every active follower's timeline has the post.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        FanoutPushes = meter.CreateCounter<long>("chitlaq.fanout.pushes", "{timeline}", "Timeline pushes made by fan-outs.");
        PostsCreated = meter.CreateCounter<long>("chitlaq.posts.created", "{post}", "Posts and replies created.");
        Registrations = meter.CreateCounter<long>("chitlaq.accounts.registered", "{account}", "Accounts registered.");
        SignIns = meter.CreateCounter<long>("chitlaq.accounts.sign_ins", "{sign-in}", "Sign-in attempts by outcome.");
    }

    public Histogram<double> FanoutDuration { get; }
    public Counter<long> FanoutPushes { get; }
    public Counter<long> PostsCreated { get; }
    public Counter<long> Registrations { get; }
    public Counter<long> SignIns { get; }
}
