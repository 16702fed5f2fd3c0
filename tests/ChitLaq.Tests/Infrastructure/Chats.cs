using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Chat;

namespace ChitLaq.Tests.Infrastructure;

public static class Chats
{
    public static async Task<ConversationDto> StartAsync(this Student who, string? title, params Student[] others)
    {
        var response = await who.Http.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = others.Select(o => o.Handle).ToArray(), title });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ConversationDto>())!;
    }

    public static async Task<MessageDto> SayAsync(this Student who, string conversationId, string text, string? clientMessageId = null)
    {
        var response = await who.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages",
            new { text, clientMessageId = clientMessageId ?? Guid.NewGuid().ToString("N") });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
    }
}
