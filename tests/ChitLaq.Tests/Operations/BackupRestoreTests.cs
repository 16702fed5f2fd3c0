using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Api.Posts;
using ChitLaq.Grains.Media;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChitLaq.Tests.Operations;

/// <summary>
/// The restore drill operators would run, with deploy/backup's scripts and Debian's age and
/// PostgreSQL client: data made through the API survives backup → database dropped → restore →
/// a fresh node. Slow: real node processes and tools.
/// </summary>
[Trait("Category", "Slow")]
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "chitlaq-backup-test", Guid.NewGuid().ToString("N"));
    private TestDatabase _database = null!;

    // Stored grain state is keyed by the service id: the node after the restore keeps it, as operators do.
    private readonly string _serviceId = "drill-" + Guid.NewGuid().ToString("N")[..8];

    private string BackupScript => Tools.InRepository("deploy", "backup", "backup.sh");
    private string RestoreScript => Tools.InRepository("deploy", "backup", "restore.sh");
    private string KeyFile => Path.Combine(_work, "backup-key.txt");
    private string BackupDirectory => Path.Combine(_work, "backups");

    /// <summary>Where the drill's nodes keep images (SiloProcess: per cluster id, which the drill keeps).</summary>
    private string MediaDirectory => Path.Combine(Path.GetTempPath(), "chitlaq-test-media", _serviceId);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        _database = await TestDatabase.CreateAsync();
        await Tools.RunAsync("age-keygen", ["-o", KeyFile]);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task UsersPostsAndMessagesComeBackAfterTheDatabaseIsDroppedAndRestored()
    {
        string adaEmail, postId, conversationId;
        MediaDto photo;
        await using (var node = await StartNodeAsync())
        {
            var ada = await node.RegisterVerifiedAsync();
            var bo = await node.RegisterVerifiedAsync();
            adaEmail = ada.User.Email;
            using var asAda = node.ClientFor(ada.AccessToken);
            using var asBo = node.ClientFor(bo.AccessToken);
            (await asBo.PostAsync($"/api/v1/users/{ada.User.Handle}/follow", null)).EnsureSuccessStatusCode();
            photo = await asAda.UploadOkAsync(TestImages.Jpeg(640, 480));
            var post = await (await asAda.PostAsJsonAsync("/api/v1/posts", new { text = "restore drill #backups", mediaIds = new[] { photo.Id } }))
                .Content.ReadFromJsonAsync<PostDto>();
            postId = post!.Id;
            var chat = await (await asAda.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { bo.User.Handle } }))
                .Content.ReadFromJsonAsync<ConversationDto>();
            conversationId = chat!.Id;
            foreach (var text in new[] { "first", "second", "third" })
                (await asAda.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text, clientMessageId = text })).EnsureSuccessStatusCode();
            Assert.Equal(0, await node.StopGracefullyAsync());
        }

        var recipient = (await Tools.RunAsync("age-keygen", ["-y", KeyFile])).Trim();
        var backupFile = (await Tools.RunAsync("bash", [BackupScript], new Dictionary<string, string>(Tools.PostgresEnvironment(_database.ConnectionString))
        {
            ["BACKUP_DIR"] = BackupDirectory,
            ["AGE_RECIPIENT"] = recipient,
            ["METRICS_DIR"] = Path.Combine(_work, "metrics"),
            ["MEDIA_DIR"] = MediaDirectory,
        })).Trim().Split('\n')[^1];
        Assert.StartsWith(BackupDirectory, backupFile);
        Assert.DoesNotContain("restore drill", await File.ReadAllTextAsync(backupFile)); // encrypted, not plain
        Assert.Contains("chitlaq_backup_last_success_timestamp_seconds", await File.ReadAllTextAsync(Path.Combine(_work, "metrics", "chitlaq_backup.prom")));

        await DropDatabaseAsync();
        Directory.Delete(MediaDirectory, recursive: true); // the disk with the images is lost too

        await Tools.RunAsync("bash", [RestoreScript, "--recreate", "--media-dir", MediaDirectory, backupFile],
            new Dictionary<string, string>(Tools.PostgresEnvironment(_database.ConnectionString)) { ["AGE_IDENTITY_FILE"] = KeyFile });

        await using (var node = await StartNodeAsync())
        {
            var login = await node.Http.LoginAsync(adaEmail);
            login.EnsureSuccessStatusCode();
            var ada = (await login.Content.ReadFromJsonAsync<AuthResponse>())!;
            using var asAda = node.ClientFor(ada.AccessToken);

            var postResponse = await asAda.GetAsync($"/api/v1/posts/{postId}");
            Assert.True(postResponse.IsSuccessStatusCode, await postResponse.Content.ReadAsStringAsync());
            var post = await postResponse.Content.ReadFromJsonAsync<PostDto>();
            Assert.Equal("restore drill #backups", post!.Text);
            Assert.Equal(photo, post.Media.Single());
            Assert.Equal(photo.Bytes, (await node.Http.GetByteArrayAsync(photo.Url)).Length);
            Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync(photo.FeedUrl)).StatusCode);
            var me = await asAda.GetFromJsonAsync<UserDtoCounts>($"/api/v1/users/{ada.User.Handle}");
            Assert.Equal(1, me!.FollowersCount);
            var messages = await asAda.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{conversationId}/messages?after=0");
            Assert.Equal(["first", "second", "third"], messages!.Items.Select(m => m.Text));
            Assert.Equal([1L, 2L, 3L], messages.Items.Select(m => m.Seq));
            // The search index is derived data: the new node rebuilt it from the restored tables.
            await Searching.PostIdsBecome(asAda, "drill", [postId]);
        }
    }

    [Fact]
    public async Task ImagesInABucketAreBackedUpEncryptedAndPutBackWhenTheBucketLosesThem()
    {
        // The nodes' object layout under a prefix of this test's own: {prefix}ab/cd/<sha256>.<ext>.
        var prefix = $"backup-{Guid.NewGuid():N}/";
        using var bucket = new S3MediaStore(Options.Create(new MediaOptions
        {
            Store = MediaOptions.S3Store,
            S3 = new S3MediaOptions
            {
                ServiceUrl = TestEnvironment.S3ServiceUrl, Bucket = TestEnvironment.S3Bucket, Prefix = prefix,
                AccessKey = TestEnvironment.S3Key, SecretKey = TestEnvironment.S3Key,
            },
        }));
        var images = new[] { TestImages.Jpeg(64, 48), TestImages.Jpeg(80, 60) }
            .ToDictionary(bytes => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) + ".jpg");
        foreach (var (key, bytes) in images) await bucket.PutAsync(key, bytes);
        var s3 = new Dictionary<string, string>
        {
            ["MEDIA_S3_SERVICE_URL"] = TestEnvironment.S3ServiceUrl,
            ["MEDIA_S3_BUCKET"] = TestEnvironment.S3Bucket,
            ["MEDIA_S3_PREFIX"] = prefix,
            ["MEDIA_S3_ACCESS_KEY"] = TestEnvironment.S3Key,
            ["MEDIA_S3_SECRET_KEY"] = TestEnvironment.S3Key,
        };
        var recipient = (await Tools.RunAsync("age-keygen", ["-y", KeyFile])).Trim();
        var backupEnvironment = new Dictionary<string, string>(Tools.PostgresEnvironment(_database.ConnectionString))
        {
            ["BACKUP_DIR"] = BackupDirectory,
            ["AGE_RECIPIENT"] = recipient,
        };
        foreach (var (name, value) in s3) backupEnvironment[name] = value;

        var backupFile = (await Tools.RunAsync("bash", [BackupScript], backupEnvironment)).Trim().Split('\n')[^1];

        var copies = Directory.GetFiles(Path.Combine(BackupDirectory, "media")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(images.Keys.Select(k => k + ".age").Order(), copies);
        foreach (var copy in copies)
            Assert.StartsWith("age-encryption.org/v1", await File.ReadAllTextAsync(Path.Combine(BackupDirectory, "media", copy!))); // encrypted, not the image

        // The bucket loses one image; the restore puts it back byte for byte and leaves the other be.
        var (lostKey, lostBytes) = images.First();
        await bucket.DeleteAsync(lostKey);
        Assert.False(await bucket.ExistsAsync(lostKey));
        var restoreEnvironment = new Dictionary<string, string>(Tools.PostgresEnvironment(_database.ConnectionString)) { ["AGE_IDENTITY_FILE"] = KeyFile };
        foreach (var (name, value) in s3) restoreEnvironment[name] = value;
        await Tools.RunAsync("bash", [RestoreScript, "--recreate", "--media-bucket", backupFile], restoreEnvironment);

        foreach (var (key, bytes) in images)
        {
            await using var read = await bucket.OpenReadAsync(key);
            Assert.NotNull(read);
            using var restored = new MemoryStream();
            await read.CopyToAsync(restored);
            Assert.Equal(bytes, restored.ToArray());
        }

        // A second backup finds nothing new to copy.
        await Tools.RunAsync("bash", [BackupScript], backupEnvironment);
        Assert.Equal(copies, Directory.GetFiles(Path.Combine(BackupDirectory, "media")).Select(Path.GetFileName).Order().ToList());
        foreach (var key in images.Keys) await bucket.DeleteAsync(key);
    }

    [Fact]
    public async Task RetentionKeepsTheLastDayThenOnePerDayForAWeekAndOnePerWeekForAMonth()
    {
        Directory.CreateDirectory(BackupDirectory);
        var now = DateTimeOffset.UtcNow;
        // Hourly backups for the last 60 days (the newest one is made by the script itself).
        for (var hoursAgo = 1; hoursAgo <= 60 * 24; hoursAgo++)
            File.WriteAllText(Path.Combine(BackupDirectory, $"chitlaq-{now.AddHours(-hoursAgo):yyyyMMdd'T'HHmmss'Z'}.dump.age"), "x");
        var recipient = (await Tools.RunAsync("age-keygen", ["-y", KeyFile])).Trim();

        await Tools.RunAsync("bash", [BackupScript], new Dictionary<string, string>(Tools.PostgresEnvironment(_database.ConnectionString))
        {
            ["BACKUP_DIR"] = BackupDirectory,
            ["AGE_RECIPIENT"] = recipient,
        });

        var kept = Directory.GetFiles(BackupDirectory, "chitlaq-*.dump.age")
            .Select(f => DateTimeOffset.ParseExact(Path.GetFileName(f)[8..24], "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal))
            .OrderDescending().ToList();
        var recent = kept.Count(t => now - t < TimeSpan.FromHours(24));
        var older = kept.Where(t => now - t >= TimeSpan.FromHours(24)).ToList();
        Assert.InRange(recent, 24, 25);
        Assert.All(older, t => Assert.True(now - t < TimeSpan.FromDays(29), $"{t} is older than four weeks"));
        Assert.Equal(older.Count, older.Select(t => t.Date).Distinct().Count()); // at most one per day
        Assert.InRange(older.Count, 6, 10); // the rest of the 7 days, plus the newest of up to 4 weeks
        Assert.Contains(kept, t => now - t > TimeSpan.FromDays(14)); // weekly ones reach back weeks
    }

    private async Task<SiloProcess> StartNodeAsync()
    {
        var node = SiloProcess.Start(_database.ConnectionString, "", _serviceId);
        await node.WaitUntilReadyAsync();
        return node;
    }

    private async Task DropDatabaseAsync()
    {
        await _database.DropAsync();
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
        await admin.OpenAsync();
        await using var check = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", admin) { Parameters = { new() { Value = _database.Name } } };
        Assert.Equal(0L, await check.ExecuteScalarAsync());
    }

    private sealed record UserDtoCounts(string Id, int FollowersCount);
}
