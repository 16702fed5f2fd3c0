using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Push;

/// <summary>A host that may push to the local (http, loopback) test push service, and a student's browser subscribing.</summary>
public class PushFixture : PostgresAppFixture
{
    protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithSetting("Push:AllowInsecureEndpoints", "true");
}

public static class Pushing
{
    /// <summary>Subscribes at the push service with the server's key, as a browser does, and registers it with ChitLaq.</summary>
    public static async Task<(TestPushService.Subscription Device, string Id)> SubscribeAsync(this Student who)
    {
        var key = (await who.Http.GetFromJsonAsync<JsonElement>("/api/v1/push/key")).GetProperty("publicKey").GetString()!;
        var device = await TestPushService.SubscribeAsync(key);
        var response = await who.Http.PostAsJsonAsync("/api/v1/push/subscriptions",
            new { endpoint = device.Endpoint, keys = new { p256dh = device.P256dh, auth = device.Auth } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (device, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    public static Task<List<JsonElement>> PushesAsync(this TestPushService.Subscription device) => TestPushService.MessagesAsync(device);
}
