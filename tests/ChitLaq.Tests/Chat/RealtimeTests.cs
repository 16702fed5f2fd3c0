using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Tests.Chat;

public sealed class RealtimeTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task AMessageReachesEveryMembersEveryDeviceIncludingTheSendersOthers()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        await using var adaPhone = await Device.ConnectAsync(fixture.App, ada.Account.AccessToken);
        await using var adaLaptop = await Device.ConnectAsync(fixture.App, ada.Account.AccessToken);
        await using var boPhone = await Device.ConnectAsync(fixture.App, bo.Account.AccessToken);

        var sent = await adaPhone.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "client-1", "hello from the phone");
        Assert.Equal(1, sent.Seq);

        foreach (var device in new[] { adaPhone, adaLaptop, boPhone })
            Assert.Equal("hello from the phone", (await device.WaitFor("message")).GetProperty("text").GetString());
    }

    [Fact]
    public async Task DevicesThatConnectWhileAConversationIsBusyGetEveryLaterMessageLive()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync("study group", bo, cy);
        await using var adaPhone = await Device.ConnectAsync(fixture.App, ada.Account.AccessToken);
        await adaPhone.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "m-1", "nobody else is here yet");
        await adaPhone.WaitFor("message");

        // The conversation already knows where its members are; a new device must still be reached.
        await using var boPhone = await Device.ConnectAsync(fixture.App, bo.Account.AccessToken);
        await adaPhone.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "m-2", "bo just arrived");
        await boPhone.WaitFor("message", m => m.GetProperty("seq").GetInt64() == 2);

        await using var boLaptop = await Device.ConnectAsync(fixture.App, bo.Account.AccessToken);
        await using var cyPhone = await Device.ConnectAsync(fixture.App, cy.Account.AccessToken);
        await adaPhone.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "m-3", "everyone is here");
        foreach (var device in new[] { boPhone, boLaptop, cyPhone })
            await device.WaitFor("message", m => m.GetProperty("seq").GetInt64() == 3);

        await boPhone.Connection.StopAsync();
        await adaPhone.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "m-4", "bo's phone went away");
        await boLaptop.WaitFor("message", m => m.GetProperty("seq").GetInt64() == 4);
        Assert.DoesNotContain(boPhone.Received("message"), m => m.GetProperty("seq").GetInt64() == 1);
        await cyPhone.WaitFor("message", m => m.GetProperty("seq").GetInt64() == 4);

        // A removed member's devices stop getting the group's messages (bo's laptop shares their node's batch).
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/conversations/{chat.Id}/members/{cy.Handle}")).StatusCode);
        await adaPhone.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "m-5", "cy has left");
        await boLaptop.WaitFor("message", m => m.GetProperty("seq").GetInt64() == 5);
        Assert.Equal([3L, 4L], cyPhone.Received("message").Select(m => m.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task ResumeReturnsWhatADeviceMissedInOrderAndARetryIsNotDuplicated()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        await using var boPhone = await Device.ConnectAsync(fixture.App, bo.Account.AccessToken);
        await boPhone.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "b-1", "before the tunnel");
        await boPhone.Connection.StopAsync(); // the phone drops

        for (var i = 0; i < 5; i++) await ada.SayAsync(chat.Id, $"missed {i}");
        await ada.SayAsync(chat.Id, "missed 4 again", clientMessageId: null);

        await using var back = await Device.ConnectAsync(fixture.App, bo.Account.AccessToken);
        var missed = await back.Connection.InvokeAsync<List<MessageDto>>("Resume", chat.Id, 1L);
        Assert.Equal(Enumerable.Range(2, 6).Select(i => (long)i), missed.Select(m => m.Seq));

        var retried = await back.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "b-1", "before the tunnel");
        Assert.Equal(1, retried.Seq);
        Assert.Empty(await back.Connection.InvokeAsync<List<MessageDto>>("Resume", chat.Id, 7L));
    }

    [Fact]
    public async Task ReceiptsAndTypingGoToTheOtherMembersAndTypingIsThrottled()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        await using var adaDevice = await Device.ConnectAsync(fixture.App, ada.Account.AccessToken);
        await using var boDevice = await Device.ConnectAsync(fixture.App, bo.Account.AccessToken);
        var message = await adaDevice.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "r-1", "did you get this?");

        await boDevice.Connection.InvokeAsync("MarkDelivered", chat.Id, message.Seq);
        await boDevice.Connection.InvokeAsync("MarkRead", chat.Id, message.Seq);
        var read = await adaDevice.WaitFor("receipt", r => r.GetProperty("kind").GetString() == "read");
        Assert.Equal(bo.Id, read.GetProperty("userId").GetString());
        Assert.Equal(message.Seq, read.GetProperty("seq").GetInt64());
        await adaDevice.WaitFor("receipt", r => r.GetProperty("kind").GetString() == "delivered");

        for (var i = 0; i < 3; i++) await boDevice.Connection.InvokeAsync("Typing", chat.Id);
        var typing = await adaDevice.WaitFor("typing");
        Assert.Equal(bo.Handle, typing.GetProperty("user").GetProperty("handle").GetString());
        Assert.True(typing.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        await Task.Delay(300);
        Assert.Single(adaDevice.Received("typing"));
        Assert.Empty(boDevice.Received("typing"));
    }

    [Fact]
    public async Task HubCallsOnSomeoneElsesConversationAreNotFound()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var eve = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        await using var eveDevice = await Device.ConnectAsync(fixture.App, eve.Account.AccessToken);

        var send = await Assert.ThrowsAsync<HubException>(() => eveDevice.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "e-1", "let me in"));
        // SignalR prefixes the server's message with its own words; the code follows "HubException: ".
        Assert.Contains("HubException: not_found:", send.Message);
        var resume = await Assert.ThrowsAsync<HubException>(() => eveDevice.Connection.InvokeAsync<List<MessageDto>>("Resume", chat.Id, 0L));
        Assert.Contains("HubException: not_found:", resume.Message);
    }

    [Fact]
    public async Task NotificationsArePushedToTheRecipientsDevices()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        await using var adaDevice = await Device.ConnectAsync(fixture.App, ada.Account.AccessToken);
        await bo.FollowAsync(ada);
        var notification = await adaDevice.WaitFor("notification");
        Assert.Equal("follow", notification.GetProperty("type").GetString());
        Assert.Equal(bo.Handle, notification.GetProperty("actor").GetProperty("handle").GetString());
    }

    [Fact]
    public async Task MembersAreToldAboutConversationChanges()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        await using var boDevice = await Device.ConnectAsync(fixture.App, bo.Account.AccessToken);
        var group = await ada.StartAsync("Lab partners", bo, cy);

        var created = await boDevice.WaitFor("conversation", e => e.GetProperty("change").GetString() == "created");
        Assert.Equal(group.Id, created.GetProperty("conversationId").GetString());
        await ada.Http.DeleteAsync($"/api/v1/conversations/{group.Id}/members/{bo.Handle}");
        var removed = await boDevice.WaitFor("conversation", e => e.GetProperty("change").GetString() == "memberRemoved");
        Assert.Equal(group.Id, removed.GetProperty("conversationId").GetString());
    }
}
