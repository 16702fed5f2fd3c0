using ChitLaq.Grains.Search;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChitLaq.Tests.Search;

/// <summary>The index is derived data: a node that was down catches up, and a lost index is rebuilt from the tables.</summary>
public sealed class IndexRecoveryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static string NewIndexFolder() => Path.Combine(Path.GetTempPath(), "chitlaq-test-search", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ANodeThatWasDownCatchesUpAndADeletedIndexIsRebuilt()
    {
        var folder = NewIndexFolder();
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        string first;
        await using (var node = new ChitLaqAppFactory(_database.ConnectionString).WithSetting("Search:IndexPath", folder))
        {
            using var ada = await Student.CreateAsync(node);
            first = (await ada.PostAsync($"before the outage {word}")).Id;
            await ada.Http.PostIdsBecome(word, first);
        }

        // While that node is down, another node (its own index) takes a post and a deletion.
        string second;
        await using (var other = new ChitLaqAppFactory(_database.ConnectionString))
        {
            using var bo = await Student.CreateAsync(other);
            second = (await bo.PostAsync($"during the outage {word}")).Id;
            var gone = (await bo.PostAsync($"deleted during the outage {word}")).Id;
            Assert.Equal(System.Net.HttpStatusCode.NoContent, (await bo.Http.DeleteAsync($"/api/v1/posts/{gone}")).StatusCode);
        }

        await using (var back = new ChitLaqAppFactory(_database.ConnectionString).WithSetting("Search:IndexPath", folder))
        {
            using var cy = await Student.CreateAsync(back);
            await cy.Http.PostIdsBecome(word, first, second);
        }

        Directory.Delete(folder, recursive: true);
        await using (var rebuilt = new ChitLaqAppFactory(_database.ConnectionString).WithSetting("Search:IndexPath", folder))
        {
            using var cy = await Student.CreateAsync(rebuilt);
            await Eventually.Satisfies(async () => (await cy.Http.SearchPostsAsync(word)).Items.Select(p => p.Id).Order().ToList(),
                ids => ids.SequenceEqual(new[] { first, second }.Order()), "the rebuilt index finds both posts");
        }
    }

    [Fact]
    public async Task TheRebuildCommandRegeneratesAnIndexFromTheTables()
    {
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        string postId;
        await using (var node = new ChitLaqAppFactory(_database.ConnectionString))
        {
            using var ada = await Student.CreateAsync(node);
            postId = (await ada.PostAsync($"rebuild me {word}")).Id;
        }

        var folder = NewIndexFolder();
        var options = Options.Create(new SearchOptions { IndexPath = folder });
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        using (var index = new SearchIndex(options))
        {
            var documents = await SearchIndexBuilder.BuildAsync(index, new SearchStore(dataSource), TimeProvider.System, NullLogger.Instance, CancellationToken.None);
            Assert.True(documents >= 2, $"{documents} documents");
        }
        using (var reopened = new SearchIndex(options))
        {
            Assert.True(reopened.HasCommit);
            var hits = new SearchQueries(reopened).Posts(PostQuery.Parse(word), DateTimeOffset.UtcNow, null, pageSize: 20).Hits;
            Assert.Equal([postId], hits.Select(h => h.Id));
        }
    }
}
