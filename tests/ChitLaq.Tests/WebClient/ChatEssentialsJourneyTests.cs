using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChitLaq.Tests.WebClient;

/// <summary>
/// Chat essentials in headless Chromium against a real node: Ada replies to Bo's message with a
/// photo attached, Bo sees the quote and the image and reacts, Ada sees the reaction and pins the
/// message, and Bo finds an old message with the search on the chat screen. Slow: a node process
/// and a browser.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ChatEssentialsJourneyTests() : BrowserNodeTest("chat-essentials")
{
    [Fact]
    public async Task StudentsReplyWithAPhotoReactPinAndFindAnOldMessage()
    {
        var ada = await Node.RegisterVerifiedAsync();
        var bo = await Node.RegisterVerifiedAsync();
        using var boHttp = Node.ClientFor(bo.AccessToken);
        var chat = (await (await boHttp.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { ada.User.Handle } })).Content.ReadFromJsonAsync<ConversationDto>())!;
        await boHttp.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "The quantum lab notes are due Thursday", clientMessageId = "old" });
        await boHttp.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "Did you finish the circuit diagram?", clientMessageId = "q" });
        var adaPage = await SignedInPageAsync(ada);
        var boPage = await SignedInPageAsync(bo);
        await adaPage.GotoAsync($"/chat/{chat.Id}");
        await boPage.GotoAsync($"/chat/{chat.Id}");

        // Ada replies to the question with a photo of her diagram.
        var question = adaPage.Locator(".messages li", new() { HasText = "circuit diagram" });
        await question.GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await Expect(adaPage.Locator(".reply-bar")).ToContainTextAsync("Replying to");
        await adaPage.Locator("#f-chat-images").SetInputFilesAsync(new FilePayload { Name = "diagram.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(320, 200) });
        await Expect(adaPage.Locator(".attachment img")).ToHaveCountAsync(1);
        await adaPage.GetByLabel("Message", new() { Exact = true }).FillAsync("Here it is");
        await adaPage.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var reply = boPage.Locator(".messages li", new() { HasText = "Here it is" });
        await Expect(reply.Locator(".quote")).ToContainTextAsync("circuit diagram");
        var image = reply.Locator(".message-images img");
        await Expect(image).ToHaveCountAsync(1);
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the image loads through its signed link");

        // Bo reacts; Ada sees it and pins the message.
        await reply.GetByRole(AriaRole.Button, new() { Name = "React" }).ClickAsync();
        await reply.GetByRole(AriaRole.Menuitem, new() { Name = "React 👍" }).ClickAsync();
        var adaSide = adaPage.Locator(".messages li", new() { HasText = "Here it is" });
        await Expect(adaSide.Locator(".reaction")).ToContainTextAsync("1");
        await Expect(reply.Locator(".reaction")).ToHaveAttributeAsync("aria-pressed", "true");
        await adaSide.GetByRole(AriaRole.Button, new() { Name = "Pin" }).ClickAsync();
        await Expect(boPage.Locator(".pinned")).ToContainTextAsync("Pinned (1)");
        await Browser.ScreenshotAsync(boPage, "chat-essentials");

        // Bo searches his chats for the old message and lands on it.
        await boPage.GotoAsync("/chat");
        await boPage.GetByLabel("Search your messages").FillAsync("quantum");
        await boPage.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await boPage.Locator(".message-results a", new() { HasText = "quantum lab notes" }).ClickAsync();
        await Expect(boPage.Locator(".messages li.found")).ToContainTextAsync("quantum lab notes");
        await Browser.ScreenshotAsync(boPage, "chat-search");
    }
}
