using System.Net.Http.Json;
using System.Text.Json;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// The local Web Push service deploy/local/test.sh starts (web-push-testing): it hands out
/// subscriptions like a browser's push service, checks VAPID, decrypts aes128gcm pushes and keeps
/// them per subscription, and can expire a subscription (then answers 410).
/// </summary>
public sealed class TestPushService
{
    public sealed record Subscription(string Endpoint, string P256dh, string Auth, string ClientHash);

    private static readonly HttpClient Http = new();

    public static string Url => Environment.GetEnvironmentVariable("CHITLAQ_TEST_PUSH_SERVICE")
        ?? throw new InvalidOperationException("CHITLAQ_TEST_PUSH_SERVICE is not set: run the tests with deploy/local/test.sh, which starts the push service.");

    public static async Task<Subscription> SubscribeAsync(string applicationServerKey)
    {
        var response = await Http.PostAsJsonAsync($"{Url}/subscribe", new { userVisibleOnly = "true", applicationServerKey });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"subscribe → {(int)response.StatusCode}: {body}");
        var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
        var keys = data.GetProperty("keys");
        return new Subscription(data.GetProperty("endpoint").GetString()!, keys.GetProperty("p256dh").GetString()!, keys.GetProperty("auth").GetString()!,
            data.GetProperty("clientHash").GetString()!);
    }

    /// <summary>The decrypted payloads the subscription received, oldest first, as JSON.</summary>
    public static async Task<List<JsonElement>> MessagesAsync(Subscription subscription)
    {
        var response = await Http.PostAsJsonAsync($"{Url}/get-notifications", new { clientHash = subscription.ClientHash });
        if (!response.IsSuccessStatusCode) return [];
        var messages = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("messages");
        return messages.EnumerateArray().Select(m => JsonDocument.Parse(m.GetString()!).RootElement.Clone()).ToList();
    }

    public static async Task ExpireAsync(Subscription subscription) =>
        (await Http.PostAsync($"{Url}/expire-subscription/{subscription.ClientHash}", null)).EnsureSuccessStatusCode();
}
