using ChitLaq.Grains.Abstractions.Chat;

namespace ChitLaq.Grains.Chat;

public sealed partial class ConversationGrain
{
    private const int MaxImages = 4;

    private sealed record PendingSend(string SenderId, string ClientMessageId, string Text, DateTimeOffset At, long? ReplyToSeq, IReadOnlyList<string> MediaIds)
    {
        public TaskCompletionSource<(ChatStore.MessageRow Row, bool Duplicate)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly List<PendingSend> _pending = [];
    private readonly Dictionary<(string, string), ChatStore.MessageRow> _recentByClientId = [];
    private readonly Queue<(string, string)> _recentOrder = new();
    private bool _flushing;

    public Task<SendResult> Send(string senderId, string clientMessageId, string text) => SendRich(senderId, clientMessageId, new NewMessage(text));

    public async Task<SendResult> SendRich(string senderId, string clientMessageId, NewMessage message)
    {
        if (!_members.ContainsKey(senderId)) return new SendResult(ChatOutcome.NotFound);
        var text = message.Text ?? "";
        var mediaIds = (message.MediaIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var errors = new Accounts.FieldErrors();
        if (text.Length > MaxText || (text.Trim().Length == 0 && mediaIds.Count == 0))
            errors.Add("text", $"Write 1 to {MaxText} characters (or attach an image).");
        if (mediaIds.Count > MaxImages) errors.Add("mediaIds", $"Attach at most {MaxImages} images.");
        if (message.ReplyToSeq is { } replyTo && (replyTo < 1 || replyTo > LastSeq)) errors.Add("replyToSeq", "Reply to a message of this conversation.");
        if (string.IsNullOrWhiteSpace(clientMessageId) || clientMessageId.Length > 100) errors.Add("clientMessageId", "Give each message a client id of 1 to 100 characters.");
        if (errors.Any) return new SendResult(ChatOutcome.Invalid, Errors: errors.ToDictionary());

        if (_recentByClientId.TryGetValue((senderId, clientMessageId), out var known))
            return new SendResult(ChatOutcome.Done, (await Views([known]))[0], Duplicate: true);
        var inFlight = _pending.FirstOrDefault(p => p.SenderId == senderId && p.ClientMessageId == clientMessageId);
        if (inFlight is not null)
        {
            var (row, _) = await inFlight.Done.Task;
            return new SendResult(ChatOutcome.Done, (await Views([row]))[0], Duplicate: true);
        }

        // After the retry checks: a message already acknowledged is never refused by a rule added later.
        var verdict = text.Length == 0 ? Moderation.RuleVerdict.Clean : await rules.CheckAsync(text);
        if (verdict.Blocks) return new SendResult(ChatOutcome.ContentBlocked);
        if (await AttachImages(senderId, clientMessageId, mediaIds) is { } refused) return refused;

        var pending = new PendingSend(senderId, clientMessageId, text, Now, message.ReplyToSeq, mediaIds);
        _pending.Add(pending);
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }
        var (committed, duplicate) = await pending.Done.Task;
        var view = (await Views([committed], withReactions: duplicate))[0];
        // A duplicate here is the stored original of a retry from an earlier activation: the node that
        // committed it may have died before telling the members and queueing the pushes (the sender
        // never got the answer, hence the retry). Both are done again; devices keep messages by seq and
        // the outbox queues each message's push once per device, so where they got through it is a no-op.
        if (!duplicate || Now - committed.SentAt < Push.PushOnce.RequeueWithin)
        {
            await Broadcast(_members.Keys, new RealtimeEvent("message", Message: view));
            await pushes.MessageAsync(view, _conversation!.Title, PushableMembers());
        }
        if (!duplicate)
            await automaticReports.FileAsync(verdict, new Abstractions.Moderation.ReportSubject(Abstractions.Moderation.SubjectKinds.Message, view.Id));
        return new SendResult(ChatOutcome.Done, view, duplicate);
    }

    /// <summary>
    /// Attaches the sender's uploads to this message (idempotent for a retry of the same message);
    /// on a refusal, what was attached is let go again. Null when all are attached.
    /// </summary>
    private async Task<SendResult?> AttachImages(string senderId, string clientMessageId, IReadOnlyList<string> mediaIds)
    {
        if (mediaIds.Count == 0) return null;
        var target = Abstractions.Media.MediaTargets.Message(ConversationId, senderId, clientMessageId);
        var results = await Task.WhenAll(mediaIds.Select(id => id.Length is 0 or > 64
            ? Task.FromResult(new Abstractions.Media.MediaAttachResult(Abstractions.Media.MediaAttachOutcome.NotFound))
            : GrainFactory.GetGrain<Abstractions.Media.IMediaGrain>(id).Attach(senderId, target)));
        if (results.All(r => r.Outcome == Abstractions.Media.MediaAttachOutcome.Done)) return null;
        foreach (var id in mediaIds.Where((_, i) => results[i].Outcome == Abstractions.Media.MediaAttachOutcome.Done))
            await GrainFactory.GetGrain<Abstractions.Media.IMediaGrain>(id).Release(target);
        return new SendResult(ChatOutcome.Invalid, Errors: new Dictionary<string, string[]> { ["mediaIds"] = ["Attach images you uploaded and have not used elsewhere."] });
    }

    /// <summary>Commits everything pending, batch after batch, until nothing is left.</summary>
    private async Task FlushAsync()
    {
        try
        {
            while (_pending.Count > 0)
            {
                var batch = _pending.ToList();
                _pending.Clear();
                try
                {
                    await CommitAsync(batch);
                }
                catch (Exception ex)
                {
                    // Nothing of this batch was acknowledged; the last committed seq is unchanged.
                    foreach (var send in batch) send.Done.TrySetException(ex);
                }
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task CommitAsync(List<PendingSend> batch)
    {
        // Seqs are given out, and given out again without the retries the writer finds already
        // stored (sends too old to be remembered here), so committed messages never leave a gap.
        var waiting = batch.ToList();
        while (waiting.Count > 0)
        {
            var seq = LastSeq;
            var rows = waiting.Select(send => (Send: send, Row: new ChatStore.MessageRow(
                Guid.CreateVersion7().ToString("N"), ++seq, send.SenderId, send.ClientMessageId, send.Text, send.At, null, false,
                send.ReplyToSeq, send.MediaIds))).ToList();
            var stored = await writer.AppendAsync(ConversationId, rows.Select(r => r.Row).ToList());
            if (stored.Count == 0)
            {
                Committed(rows);
                return;
            }
            foreach (var original in stored)
            {
                var retry = waiting.First(s => s.SenderId == original.SenderId && s.ClientMessageId == original.ClientMessageId);
                retry.Done.TrySetResult((original, true));
                waiting.Remove(retry);
            }
        }
    }

    private void Committed(List<(PendingSend Send, ChatStore.MessageRow Row)> rows)
    {
        _conversation = _conversation! with { LastSeq = rows[^1].Row.Seq, UpdatedAt = rows[^1].Row.SentAt };
        _lastMessage = rows[^1].Row;
        foreach (var (send, row) in rows)
        {
            if (_members.TryGetValue(send.SenderId, out var sender))
            {
                sender.ReadSeq = Math.Max(sender.ReadSeq, row.Seq);
                sender.DeliveredSeq = Math.Max(sender.DeliveredSeq, row.Seq);
            }
            Remember(row);
            send.Done.TrySetResult((row, false));
        }
    }

    private void Remember(ChatStore.MessageRow row)
    {
        var key = (row.SenderId, row.ClientMessageId);
        _recentByClientId[key] = row;
        _recentOrder.Enqueue(key);
        while (_recentOrder.Count > 1000) _recentByClientId.Remove(_recentOrder.Dequeue());
    }
}
