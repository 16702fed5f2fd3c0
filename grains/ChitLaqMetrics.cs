using System.Diagnostics.Metrics;

namespace ChitLaq.Grains;

/// <summary>Business and fan-out metrics (meter "ChitLaq", exported at /metrics).</summary>
public sealed class ChitLaqMetrics
{
    public const string MeterName = "ChitLaq";

    public ChitLaqMetrics(IMeterFactory meters)
    {
        var meter = Meter = meters.Create(MeterName);
        FanoutDuration = meter.CreateHistogram<double>("chitlaq.fanout.duration", "s",
            "Time from the start of a fan-out until every active follower's timeline has the post.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        FanoutPushes = meter.CreateCounter<long>("chitlaq.fanout.pushes", "{timeline}", "Timeline pushes made by fan-outs.");
        PushesSent = meter.CreateCounter<long>("chitlaq.webpush.sent", "{push}", "Web Push messages the push services accepted.");
        PushesDropped = meter.CreateCounter<long>("chitlaq.webpush.dropped", "{push}", "Web Push messages given up (expired, refused, too many tries).");
        PostsCreated = meter.CreateCounter<long>("chitlaq.posts.created", "{post}", "Posts and replies created.");
        Registrations = meter.CreateCounter<long>("chitlaq.accounts.registered", "{account}", "Accounts registered.");
        SignIns = meter.CreateCounter<long>("chitlaq.accounts.sign_ins", "{sign-in}", "Sign-in attempts by outcome.");
        MessagesSent = meter.CreateCounter<long>("chitlaq.messages.sent", "{message}", "Chat messages committed (acknowledged to their senders).");
        MessageCommitDuration = meter.CreateHistogram<double>("chitlaq.messages.commit.duration", "s",
            "Time of one group commit of chat messages to PostgreSQL.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        RealtimeDeliveries = meter.CreateCounter<long>("chitlaq.realtime.deliveries", "{delivery}",
            "Realtime events handed to a user's connections on this node, by event.");
        TimelineEntries = meter.CreateHistogram<long>("chitlaq.timeline.entries", "{entry}",
            "Entries held by a home timeline when it is read.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [0, 10, 50, 100, 200, 400, 800] });
        SearchFreshness = meter.CreateHistogram<double>("chitlaq.search.freshness", "s",
            "Time from a post or profile change being committed until this node's index answers with it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] });
    }

    /// <summary>The meter, for observable instruments owned by other components (e.g. online users per node).</summary>
    public Meter Meter { get; }

    public Histogram<double> FanoutDuration { get; }
    public Counter<long> FanoutPushes { get; }
    public Counter<long> PushesSent { get; }
    public Counter<long> PushesDropped { get; }
    public Counter<long> PostsCreated { get; }
    public Counter<long> Registrations { get; }
    public Counter<long> SignIns { get; }
    public Counter<long> MessagesSent { get; }
    public Histogram<double> MessageCommitDuration { get; }
    public Counter<long> RealtimeDeliveries { get; }
    public Histogram<long> TimelineEntries { get; }
    public Histogram<double> SearchFreshness { get; }
}
