using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>One acknowledged send: which conversation, the client's id, the seq it got and when (test clock).</summary>
public sealed record Ack(string ConversationId, string ClientMessageId, long Seq, TimeSpan At);

/// <summary>
/// The bookkeeping of the fault tests (chaos, multi-host): students sending through their
/// <see cref="ChattingDevice"/>s while nodes fail, and the checks that nothing acknowledged was
/// lost or doubled and how quickly deliveries arrived live.
/// </summary>
public static class ChatLedger
{
    /// <summary>
    /// One student: a message a second from whichever of their devices is connected (a phone and a
    /// laptop), each retried with the same client id until acknowledged or <paramref name="giveUpAfter"/>.
    /// </summary>
    public static async Task SendEverySecondAsync(ChattingDevice[] mine, ConcurrentBag<Ack> acks, Stopwatch clock, TimeSpan giveUpAfter, CancellationToken stop)
    {
        await Task.Delay(Random.Shared.Next(1000), CancellationToken.None);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var device = mine.Where(d => d.IsConnected).Skip(n % mine.Length).FirstOrDefault() ?? mine.FirstOrDefault(d => d.IsConnected) ?? mine[n % mine.Length];
            var clientId = $"{device.UserId}-{n}";
            var sent = await device.SendAsync(clientId, $"message {n}", clock.Elapsed + giveUpAfter);
            if (sent is not null) acks.Add(new Ack(device.ConversationId, clientId, sent.Seq, clock.Elapsed));
            try { await Task.Delay(1000, stop); } catch (OperationCanceledException) { }
        }
    }

    /// <summary>Every conversation is gap-free, holds no client id twice, and holds every acknowledged message at its seq.</summary>
    public static async Task AssertNothingLostOrDoubledAsync(List<string> conversations, List<ChattingDevice> devices, ConcurrentBag<Ack> acks)
    {
        foreach (var conversation in conversations)
        {
            var history = await devices.First(d => d.ConversationId == conversation && d.IsConnected).HistoryAsync();
            Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(m => m.Seq));   // gap-free
            Assert.Equal(history.Count, history.Select(m => m.ClientMessageId).Distinct().Count());           // no duplicates
            var stored = history.ToDictionary(m => m.ClientMessageId, m => m.Seq);
            foreach (var ack in acks.Where(a => a.ConversationId == conversation))
                Assert.True(stored.TryGetValue(ack.ClientMessageId, out var seq) && seq == ack.Seq,
                    $"acknowledged message {ack.ClientMessageId} (seq {ack.Seq}) is in the conversation");
        }
    }

    /// <summary>For each message acknowledged after <paramref name="after"/> and each device of its chat: ack → live arrival (MaxValue: never live).</summary>
    public static IEnumerable<TimeSpan> LiveDelays(List<ChattingDevice> devices, IEnumerable<Ack> acks, TimeSpan after) =>
        from ack in acks.Where(a => a.At > after)
        from device in devices.Where(d => d.ConversationId == ack.ConversationId)
        select device.Live.TryGetValue(ack.Seq, out var at) ? (at > ack.At ? at - ack.At : TimeSpan.Zero) : TimeSpan.MaxValue;
}
