using System.Text.Json;
using Microsoft.Playwright;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// Runs a script inside the page's service worker, through the DevTools protocol (Playwright for
/// .NET does not expose service workers): what a test needs to stand in for the operating system,
/// such as a tap on a notification, which headless Chromium cannot give.
/// </summary>
public static class ServiceWorkerConsole
{
    public static async Task<JsonElement> EvaluateAsync(IBrowser browser, string expression)
    {
        var cdp = await browser.NewBrowserCDPSessionAsync();
        try
        {
            var targets = await cdp.SendAsync("Target.getTargets");
            var worker = targets!.Value.GetProperty("targetInfos").EnumerateArray()
                .First(t => t.GetProperty("type").GetString() == "service_worker").GetProperty("targetId").GetString()!;
            var attached = await cdp.SendAsync("Target.attachToTarget", new Dictionary<string, object> { ["targetId"] = worker, ["flatten"] = false });
            var sessionId = attached!.Value.GetProperty("sessionId").GetString()!;

            var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            cdp.Event("Target.receivedMessageFromTarget").OnEvent += (_, e) =>
            {
                if (e is not { } payload) return;
                using var message = JsonDocument.Parse(payload.GetProperty("message").GetString()!);
                if (message.RootElement.TryGetProperty("id", out var id) && id.GetInt32() == 1) reply.TrySetResult(message.RootElement.Clone());
            };
            var evaluate = JsonSerializer.Serialize(new { id = 1, method = "Runtime.evaluate", @params = new { expression, awaitPromise = true, returnByValue = true } });
            await cdp.SendAsync("Target.sendMessageToTarget", new Dictionary<string, object> { ["sessionId"] = sessionId, ["message"] = evaluate });
            var answer = await reply.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (answer.GetProperty("result").TryGetProperty("exceptionDetails", out var failure)) throw new InvalidOperationException(failure.ToString());
            return answer.GetProperty("result").GetProperty("result");
        }
        finally
        {
            await cdp.DetachAsync();
        }
    }
}
