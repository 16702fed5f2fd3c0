using System.Diagnostics;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Telemetry;

/// <summary>One trace runs from the HTTP request through the grain calls to the SQL commands.</summary>
public sealed class TracingTests(TracingTests.Fixture fixture) : IClassFixture<TracingTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        public RecordedSpans Spans { get; } = new();
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithSpansIn(Spans);
    }

    [Fact]
    public async Task CreatingAPostIsOneTraceFromHttpThroughTheGrainToTheInsert()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var post = await ada.PostAsync("traced post #observability");

        // A span is recorded when it ends: the request's server span ends after the INSERT's (once
        // the response is written), so wait for the whole chain, not only for the INSERT.
        var spans = await Eventually.Satisfies(() => Task.FromResult(fixture.Spans.Snapshot()),
            all => all.Any(s => s.Source.Name == "Npgsql" && Statement(s).Contains("INSERT INTO posts")
                && Ancestors(s, all).Any(a => a.Kind == ActivityKind.Server && a.Source.Name == "Microsoft.AspNetCore")),
            "the post's INSERT and the request it ran in were traced");
        var insert = spans.First(s => s.Source.Name == "Npgsql" && Statement(s).Contains("INSERT INTO posts"));
        var ancestors = Ancestors(insert, spans).ToList();

        var request = Assert.Single(ancestors, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal("/api/v1/posts", request.GetTagItem("http.route")?.ToString()?.TrimEnd('/'));
        Assert.Equal("POST", request.GetTagItem("http.request.method"));
        Assert.Contains(ancestors, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.DisplayName.Contains("PostGrain"));
        Assert.All(ancestors, s => Assert.Equal(insert.TraceId, s.TraceId));
        Assert.NotNull(post.Id);
    }

    private static string Statement(Activity span) =>
        (span.GetTagItem("db.query.text") ?? span.GetTagItem("db.statement"))?.ToString() ?? "";

    /// <summary>The span's parents, nearest first, as far as they were recorded.</summary>
    private static IEnumerable<Activity> Ancestors(Activity span, IReadOnlyCollection<Activity> all)
    {
        var byId = all.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var current = span;
        while (current.ParentSpanId != default && byId.TryGetValue(current.ParentSpanId, out var parent))
        {
            yield return parent;
            current = parent;
        }
    }
}

/// <summary>Without an exporter (no OTLP endpoint, none added in code) this app registers no tracer, so no grain call or SQL command makes a span.</summary>
public sealed class NoExporterTracingTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task WithoutAnExporterNoTracerIsRegisteredAndNoSpanIsMade()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        await ada.PostAsync("an untraced post");

        // (Activity sources' listeners are process-wide, and other tests' apps trace: ask this app.)
        Assert.Null(fixture.App.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)));
    }
}
