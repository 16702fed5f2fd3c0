using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Grains.Push;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Push;

/// <summary>The push API: the key, subscriptions (validated: they are URLs the server will call) and preferences.</summary>
public sealed class PushSubscriptionTests(PushFixture fixture) : IClassFixture<PushFixture>
{
    private const string P256dh = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";
    private const string Auth = "tBHItJI5svbpez7KI4CCXg";

    [Fact]
    public async Task TheKeyIsAP256PointThatStaysTheSame()
    {
        using var anonymous = fixture.App.CreateClient();
        var first = (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/push/key")).GetProperty("publicKey").GetString()!;
        var bytes = Convert.FromBase64String(first.Replace('-', '+').Replace('_', '/') + new string('=', (4 - first.Length % 4) % 4));
        Assert.Equal(65, bytes.Length);
        Assert.Equal(0x04, bytes[0]);
        Assert.Equal(first, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/push/key")).GetProperty("publicKey").GetString());
    }

    [Fact]
    public async Task TheSameEndpointAgainUpdatesTheSubscription()
    {
        var bob = await Student.CreateAsync(fixture.App);
        var endpoint = $"{TestPushService.Url}/notify/{Guid.NewGuid():N}";
        var first = await bob.Http.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint, keys = new { p256dh = P256dh, auth = Auth } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await bob.Http.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint, keys = new { p256dh = P256dh, auth = Auth } });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task BadSubscriptionsAreRefusedFieldByField()
    {
        var bob = await Student.CreateAsync(fixture.App);
        async Task Refused(object body, string field)
        {
            var problem = await (await bob.Http.PostAsJsonAsync("/api/v1/push/subscriptions", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await Refused(new { endpoint = "not a url", keys = new { p256dh = P256dh, auth = Auth } }, "endpoint");
        await Refused(new { endpoint = "ftp://push.example.com/x", keys = new { p256dh = P256dh, auth = Auth } }, "endpoint");
        await Refused(new { endpoint = $"{TestPushService.Url}/notify/x", keys = new { p256dh = "short", auth = Auth } }, "keys.p256dh");
        await Refused(new { endpoint = $"{TestPushService.Url}/notify/x", keys = new { p256dh = P256dh, auth = "!!" } }, "keys.auth");
        using var anonymous = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint = "x" })).StatusCode);
    }

    [Theory]
    [InlineData("http://push.example.com/send/1", "https")]
    [InlineData("https://127.0.0.1/send/1", "public")]
    [InlineData("https://10.1.2.3/send/1", "public")]
    [InlineData("https://192.168.1.10/send/1", "public")]
    [InlineData("https://169.254.169.254/latest/meta-data", "public")]
    [InlineData("https://100.64.0.1/send/1", "public")]
    [InlineData("https://[::1]/send/1", "public")]
    [InlineData("https://[fd00::1]/send/1", "public")]
    [InlineData("https://[::ffff:127.0.0.1]/send/1", "public")]
    [InlineData("https://user:pw@push.example.com/send/1", "endpoint URL")]
    public async Task EndpointsIntoTheHostsOwnNetworkAreRefused(string endpoint, string said) =>
        Assert.Contains(said, await PushEndpoints.ProblemWithAsync(endpoint, allowInsecure: false));

    [Theory]
    [InlineData("https://8.8.8.8/send/1")]
    [InlineData("https://[2606:4700:4700::1111]/send/1")]
    public async Task HttpsEndpointsOnPublicAddressesAreAccepted(string endpoint) =>
        Assert.Null(await PushEndpoints.ProblemWithAsync(endpoint, allowInsecure: false));

    [Fact]
    public async Task PreferencesDefaultToEverythingAndKeepWhatIsNotMentioned()
    {
        var bob = await Student.CreateAsync(fixture.App);
        var defaults = await bob.Http.GetFromJsonAsync<JsonElement>("/api/v1/push/preferences");
        Assert.All(defaults.GetProperty("alerts").EnumerateObject(), alert => Assert.True(alert.Value.GetBoolean()));
        Assert.Equal(7, defaults.GetProperty("alerts").EnumerateObject().Count());
        Assert.Equal(JsonValueKind.Null, defaults.GetProperty("quietHours").ValueKind);

        var set = await bob.Http.PutAsJsonAsync("/api/v1/push/preferences",
            new { alerts = new { like = false, repost = false }, quietHours = new { start = "22:00", end = "07:00", timeZone = "Europe/Istanbul" } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        await bob.Http.PutAsJsonAsync("/api/v1/push/preferences", new { alerts = new { repost = true }, quietHours = new { start = "22:00", end = "07:00", timeZone = "Europe/Istanbul" } });
        var now = await bob.Http.GetFromJsonAsync<JsonElement>("/api/v1/push/preferences");
        Assert.False(now.GetProperty("alerts").GetProperty("like").GetBoolean());
        Assert.True(now.GetProperty("alerts").GetProperty("repost").GetBoolean());
        Assert.Equal("22:00", now.GetProperty("quietHours").GetProperty("start").GetString());
        Assert.Equal("Europe/Istanbul", now.GetProperty("quietHours").GetProperty("timeZone").GetString());

        await (await bob.Http.PutAsJsonAsync("/api/v1/push/preferences", new { quietHours = new { start = "22:00", end = "07:00", timeZone = "Mars/Olympus" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await bob.Http.PutAsJsonAsync("/api/v1/push/preferences", new { quietHours = new { start = "25:00", end = "07:00", timeZone = "UTC" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await bob.Http.PutAsJsonAsync("/api/v1/push/preferences", new { alerts = new Dictionary<string, bool> { ["poke"] = true } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
