using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Posts;
using ChitLaq.Api.Privacy;
using ChitLaq.Api.Users;
using ChitLaq.Tests.Cluster;
using ChitLaq.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChitLaq.Tests.Privacy;

/// <summary>
/// The erasure and the export are durable jobs: a node killed (SIGKILL) in the middle of one
/// leaves it to the node that comes up after it, which finishes it from where it stood. One real
/// node process on real PostgreSQL; bounds are generous and the measured times are printed.
/// </summary>
[Trait("Category", "Slow")]
[Collection(MultiProcessCollection.Name)]
public sealed class AccountJobRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Posts = 60;
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Accounts__DeletionGrace"] = "00:00:00",
        // Small pages with a pause between them, so that the kill lands inside the erasure.
        ["Accounts__EraseBatch"] = "5",
        ["Accounts__ErasePause"] = "00:00:00.3",
        ["Accounts__JobLease"] = "00:00:05",
        ["Accounts__PollInterval"] = "00:00:00.5",
    };

    private TestDatabase _database = null!;
    private readonly string _clusterId = "jobs-" + Guid.NewGuid().ToString("N")[..8];
    private SiloProcess _node = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _node = await StartNodeAsync();
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<SiloProcess> StartNodeAsync()
    {
        // The same cluster and service id as before: the restarted node reads the same grain state.
        var node = SiloProcess.Start(_database.ConnectionString, "", _clusterId, Settings);
        await node.WaitUntilReadyAsync();
        return node;
    }

    [Fact]
    public async Task AnErasureCutShortByAKilledNodeIsFinishedByTheNextOne()
    {
        var ada = await _node.RegisterVerifiedAsync();
        var bo = await _node.RegisterVerifiedAsync();
        using (var adaHttp = _node.ClientFor(ada.AccessToken))
        using (var boHttp = _node.ClientFor(bo.AccessToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await boHttp.PostAsync($"/api/v1/users/{ada.User.Handle}/follow", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await adaHttp.PostAsync($"/api/v1/users/{bo.User.Handle}/follow", null)).StatusCode);
            var bosPost = (await (await boHttp.PostAsJsonAsync("/api/v1/posts", new { text = "liked by ada" })).Content.ReadFromJsonAsync<PostDto>())!;
            Assert.Equal(HttpStatusCode.NoContent, (await adaHttp.PostAsync($"/api/v1/posts/{bosPost.Id}/like", null)).StatusCode);
            for (var i = 0; i < Posts; i++)
                Assert.Equal(HttpStatusCode.Created, (await adaHttp.PostAsJsonAsync("/api/v1/posts", new { text = $"post {i} of {Posts}" })).StatusCode);

            var deleted = await adaHttp.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/users/me") { Content = JsonContent.Create(new { password = Infrastructure.Accounts.Password }) });
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }
        var clock = Stopwatch.StartNew();
        var left = await Eventually.Satisfies(LivePostsOfAsync(ada.User.Id), count => count is > 0 and < Posts,
            "the erasure has begun on the posts", TimeSpan.FromSeconds(30));
        await _node.KillAsync();
        var killedAt = clock.Elapsed;
        left = await LivePostsOfAsync(ada.User.Id)();
        Assert.Null(await ErasureChecks.FinishedAtAsync(_database, ada.User.Id));
        output.WriteLine($"node killed {killedAt.TotalSeconds:F1} s after the deletion, with {left} of {Posts} posts still to erase");

        _node = await StartNodeAsync();
        var restartedAt = clock.Elapsed;
        await Eventually.Satisfies(() => ErasureChecks.FinishedAtAsync(_database, ada.User.Id), finished => finished is not null,
            "the restarted node finishes the erasure", TimeSpan.FromSeconds(90));
        output.WriteLine($"restarted node up {restartedAt.TotalSeconds:F1} s after the deletion; erasure finished {(clock.Elapsed - restartedAt).TotalSeconds:F1} s later (its claim's 5 s lease included)");

        Assert.Empty(await ErasureChecks.LeftoversAsync(_database, ada.User.Id));
        using var boAgain = _node.ClientFor((await SignInAsync(bo.User.Email)).AccessToken);
        var boNow = (await boAgain.GetFromJsonAsync<UserDto>($"/api/v1/users/{bo.User.Handle}"))!;
        Assert.Equal((0, 0), (boNow.FollowersCount, boNow.FollowingCount));
        Assert.Equal(HttpStatusCode.NotFound, (await boAgain.GetAsync($"/api/v1/users/{ada.User.Handle}")).StatusCode);
    }

    [Fact]
    public async Task AnExportAskedForJustBeforeTheNodeDiesIsBuiltByTheNextOneAndOutlivesRestarts()
    {
        var ada = await _node.RegisterVerifiedAsync();
        string exportId;
        using (var adaHttp = _node.ClientFor(ada.AccessToken))
        {
            for (var i = 0; i < 5; i++) await adaHttp.PostAsJsonAsync("/api/v1/posts", new { text = $"post {i} to take along" });
            exportId = (await (await adaHttp.PostAsync("/api/v1/me/export", null)).Content.ReadFromJsonAsync<ExportDto>())!.Id;
        }
        await _node.KillAsync();
        var statusAtKill = await _database.ScalarAsync<string>("SELECT status FROM data_exports WHERE export_id = @id", ("id", exportId));
        output.WriteLine($"node killed right after the export was asked for; it was {statusAtKill} then");

        _node = await StartNodeAsync();
        var session = await SignInAsync(ada.User.Email);
        using var http = _node.ClientFor(session.AccessToken);
        var ready = await Eventually.Satisfies(async () => (await http.GetFromJsonAsync<ExportDto>($"/api/v1/me/export/{exportId}"))!,
            export => export.Status == "ready", "the export is built", TimeSpan.FromSeconds(60));

        // Ready exports outlive restarts too.
        await _node.StopGracefullyAsync();
        await _node.DisposeAsync();
        _node = await StartNodeAsync();
        using var after = _node.ClientFor((await SignInAsync(ada.User.Email)).AccessToken);
        var download = await after.GetAsync(ready.Url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(await download.Content.ReadAsStreamAsync());
        Assert.NotNull(zip.GetEntry("posts.json"));
    }

    private Func<Task<long>> LivePostsOfAsync(string userId) => () =>
        _database.ScalarAsync<long>("SELECT count(*) FROM posts WHERE author_id = @id AND deleted_at IS NULL", ("id", userId));

    private async Task<Api.Auth.AuthResponse> SignInAsync(string email)
    {
        var login = await _node.Http.LoginAsync(email);
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<Api.Auth.AuthResponse>())!;
    }
}
