using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Accounts;
using Microsoft.Extensions.Logging;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// A conversation: members, admins, title, the gap-free message sequence and read positions,
/// loaded from the tables on activation. Sends interleave: each joins the pending batch, one
/// flush at a time commits the whole batch in one transaction (group commit), and only then are
/// the senders answered and the members' devices told. Sequence numbers are given at flush time,
/// after duplicates are weeded out, so committed messages never leave a gap.
/// </summary>
[GrainType("conversation")]
public sealed partial class ConversationGrain(
    ChatStore store, MessageWriter writer, ReactionStore reactions, Media.MediaTable mediaTable, ChatMediaLinks mediaLinks,
    ProfileCache profiles, RealtimeFanout fanout, Moderation.KeywordRuleBook rules,
    Moderation.AutomaticReports automaticReports, Push.PushNotices pushes, TimeProvider clock)
    : Grain, IConversationGrain
{
    private const int MaxMembers = 50;
    private const int MaxText = 4000;
    private static readonly TimeSpan TypingThrottle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TypingLasts = TimeSpan.FromSeconds(6);

    private sealed class Member
    {
        public required string UserId;
        public bool IsAdmin;
        public DateTimeOffset JoinedAt;
        public long DeliveredSeq;
        public long ReadSeq;
        public DateTimeOffset? MutedUntil;
    }

    private ChatStore.ConversationRow? _conversation;
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);
    private ChatStore.MessageRow? _lastMessage;
    private readonly Dictionary<string, DateTimeOffset> _typing = new(StringComparer.Ordinal);

    private string ConversationId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(ConversationId) is not { } loaded) return;
        _conversation = loaded.Conversation;
        foreach (var m in loaded.Members)
            _members[m.UserId] = new Member { UserId = m.UserId, IsAdmin = m.IsAdmin, JoinedAt = m.JoinedAt, DeliveredSeq = m.DeliveredSeq, ReadSeq = m.ReadSeq, MutedUntil = m.MutedUntil };
        if (_conversation.LastSeq > 0) _lastMessage = (await store.PageAsync(ConversationId, null, null, 1)).LastOrDefault();
    }

    public Task<bool> IsMember(string userId) => Task.FromResult(_members.ContainsKey(userId));

    public async Task<ConversationView?> Get(string viewerId) => _members.ContainsKey(viewerId) ? await View(viewerId) : null;

    public async Task<ChatResult<ConversationView>> Create(string creatorId, string kind, IReadOnlyList<string> memberIds, string? title)
    {
        if (_conversation is not null)
            return _members.ContainsKey(creatorId) && _conversation.Kind == "direct"
                ? new ChatResult<ConversationView>(ChatOutcome.Done, await View(creatorId))
                : Invalid<ConversationView>("id", "This conversation already exists.");

        var others = memberIds.Where(id => id != creatorId).Distinct().ToList();
        var errors = new Accounts.FieldErrors();
        if (kind == "direct" && others.Count != 1) errors.Add("memberHandles", "A direct conversation has exactly one other member.");
        if (kind == "group" && others.Count is < 1 or > MaxMembers - 1) errors.Add("memberHandles", $"A group has 2 to {MaxMembers} members.");
        var cleanTitle = title?.Trim();
        if (cleanTitle is { Length: > 100 }) errors.Add("title", "Use at most 100 characters.");
        if (errors.Any) return new ChatResult<ConversationView>(ChatOutcome.Invalid, Errors: errors.ToDictionary());

        var filter = await GrainFactory.GetGrain<IUserGraphGrain>(creatorId).GetFeedFilter();
        if (others.Any(filter.BlockedEitherWay.Contains)) return new ChatResult<ConversationView>(ChatOutcome.Forbidden);

        var now = Now;
        _conversation = new ChatStore.ConversationRow(ConversationId, kind, kind == "group" ? cleanTitle : null, creatorId, now, now, 0);
        var rows = others.Select(id => new ChatStore.MemberRow(id, false, now, 0, 0)).Prepend(new ChatStore.MemberRow(creatorId, kind == "group", now, 0, 0)).ToList();
        await store.CreateAsync(_conversation, rows);
        foreach (var row in rows) _members[row.UserId] = new Member { UserId = row.UserId, IsAdmin = row.IsAdmin, JoinedAt = now };

        await Announce("created", _members.Keys);
        return new ChatResult<ConversationView>(ChatOutcome.Done, await View(creatorId), Created: true);
    }

    public async Task<ChatResult<ConversationView>> Rename(string actorId, string title)
    {
        if (!_members.TryGetValue(actorId, out var actor)) return new ChatResult<ConversationView>(ChatOutcome.NotFound);
        if (_conversation!.Kind != "group" || !actor.IsAdmin) return new ChatResult<ConversationView>(ChatOutcome.Forbidden);
        var clean = title.Trim();
        if (clean.Length is 0 or > 100) return Invalid<ConversationView>("title", "Use 1 to 100 characters.");
        _conversation = _conversation with { Title = clean, UpdatedAt = Now };
        await store.RenameAsync(ConversationId, clean, Now);
        await Announce("updated", _members.Keys);
        return new ChatResult<ConversationView>(ChatOutcome.Done, await View(actorId));
    }

    public async Task<ChatResult<ConversationView>> AddMembers(string actorId, IReadOnlyList<string> userIds)
    {
        if (!_members.TryGetValue(actorId, out var actor)) return new ChatResult<ConversationView>(ChatOutcome.NotFound);
        if (_conversation!.Kind != "group" || !actor.IsAdmin) return new ChatResult<ConversationView>(ChatOutcome.Forbidden);
        var added = userIds.Where(id => !_members.ContainsKey(id)).Distinct().ToList();
        if (_members.Count + added.Count > MaxMembers) return Invalid<ConversationView>("handles", $"A group has at most {MaxMembers} members.");
        var filter = await GrainFactory.GetGrain<IUserGraphGrain>(actorId).GetFeedFilter();
        if (added.Any(filter.BlockedEitherWay.Contains)) return new ChatResult<ConversationView>(ChatOutcome.Forbidden);
        if (added.Count == 0) return new ChatResult<ConversationView>(ChatOutcome.Done, await View(actorId));

        var now = Now;
        // New members start "read" at the current end, so earlier messages do not count as unread.
        await store.AddMembersAsync(ConversationId, added.Select(id => new ChatStore.MemberRow(id, false, now, 0, 0)).ToList(), now);
        await store.MarkManyAsync(ConversationId, added, LastSeq);
        foreach (var id in added) _members[id] = new Member { UserId = id, JoinedAt = now, DeliveredSeq = LastSeq, ReadSeq = LastSeq };
        _conversation = _conversation with { UpdatedAt = now };
        await Announce("memberAdded", _members.Keys);
        return new ChatResult<ConversationView>(ChatOutcome.Done, await View(actorId));
    }

    public async Task<ChatResult<ConversationView>> RemoveMember(string actorId, string userId)
    {
        if (!_members.TryGetValue(actorId, out var actor)) return new ChatResult<ConversationView>(ChatOutcome.NotFound);
        if (_conversation!.Kind != "group" || (actorId != userId && !actor.IsAdmin)) return new ChatResult<ConversationView>(ChatOutcome.Forbidden);
        if (!_members.ContainsKey(userId)) return new ChatResult<ConversationView>(ChatOutcome.NotFound);

        var audience = _members.Keys.ToList();
        _members.Remove(userId);
        await store.RemoveMemberAsync(ConversationId, userId, Now);
        if (_members.Count > 0 && !_members.Values.Any(m => m.IsAdmin))
        {
            // A group always keeps an admin: the longest-standing member takes over.
            var heir = _members.Values.OrderBy(m => m.JoinedAt).First();
            heir.IsAdmin = true;
            await store.SetAdminAsync(ConversationId, heir.UserId);
        }
        await Announce("memberRemoved", audience);
        return new ChatResult<ConversationView>(ChatOutcome.Done, _members.ContainsKey(actorId) ? await View(actorId) : null);
    }

    public async Task<Page<MessageView>?> History(string viewerId, long? beforeSeq, long? afterSeq, int limit)
    {
        if (!_members.ContainsKey(viewerId)) return null;
        var rows = await store.PageAsync(ConversationId, beforeSeq, afterSeq, limit + 1);
        var more = rows.Count > limit;
        var page = afterSeq is not null ? rows.Take(limit).ToList() : rows.Skip(more ? 1 : 0).ToList();
        var views = await Views(page);
        string? next = !more || page.Count == 0 ? null : (afterSeq is not null ? $"after:{page[^1].Seq}" : $"before:{page[0].Seq}");
        return new Page<MessageView>(views, next);
    }

    public async Task<ChatResult<MessageView>> Edit(string userId, string messageId, string text) => await Change(userId, messageId, text, deleted: false);

    public async Task<ChatResult<MessageView>> Delete(string userId, string messageId) => await Change(userId, messageId, "", deleted: true);

    private async Task<ChatResult<MessageView>> Change(string userId, string messageId, string text, bool deleted)
    {
        if (!_members.ContainsKey(userId)) return new ChatResult<MessageView>(ChatOutcome.NotFound);
        if (!deleted && (text.Trim().Length == 0 || text.Length > MaxText)) return Invalid<MessageView>("text", $"Write 1 to {MaxText} characters.");
        var row = await store.FindAsync(ConversationId, messageId);
        if (row is null || row.Deleted) return new ChatResult<MessageView>(ChatOutcome.NotFound);
        if (row.SenderId != userId) return new ChatResult<MessageView>(ChatOutcome.Forbidden);
        var verdict = deleted ? Moderation.RuleVerdict.Clean : await rules.CheckAsync(text);
        if (verdict.Blocks) return new ChatResult<MessageView>(ChatOutcome.ContentBlocked);

        var changed = row with { Text = text, EditedAt = Now, Deleted = deleted };
        await store.UpdateMessageAsync(ConversationId, row.Seq, changed.Text, changed.EditedAt!.Value, deleted);
        if (_lastMessage?.Seq == row.Seq) _lastMessage = changed;
        var view = (await Views([changed]))[0];
        await Broadcast(_members.Keys, new RealtimeEvent("messageUpdated", Message: view));
        await automaticReports.FileAsync(verdict, new Abstractions.Moderation.ReportSubject(Abstractions.Moderation.SubjectKinds.Message, messageId));
        return new ChatResult<MessageView>(ChatOutcome.Done, view);
    }

    public async Task<ChatOutcome> Mark(string userId, string kind, long seq)
    {
        if (!_members.TryGetValue(userId, out var member)) return ChatOutcome.NotFound;
        if (kind is not ("delivered" or "read") || seq < 0) return ChatOutcome.Invalid;
        seq = Math.Min(seq, LastSeq);
        var read = kind == "read" ? Math.Max(member.ReadSeq, seq) : member.ReadSeq;
        var delivered = Math.Max(member.DeliveredSeq, Math.Max(seq, read));
        if (read == member.ReadSeq && delivered == member.DeliveredSeq) return ChatOutcome.Done;
        member.ReadSeq = read;
        member.DeliveredSeq = delivered;
        await store.MarkAsync(ConversationId, userId, delivered, read);
        await Broadcast(_members.Keys.Where(id => id != userId), new RealtimeEvent("receipt", Receipt: new ReceiptView(ConversationId, userId, kind, kind == "read" ? read : delivered)));
        return ChatOutcome.Done;
    }

    public async Task<ChatOutcome> Typing(string userId)
    {
        if (!_members.ContainsKey(userId)) return ChatOutcome.NotFound;
        var now = Now;
        if (_typing.TryGetValue(userId, out var last) && now - last < TypingThrottle) return ChatOutcome.Done;
        _typing[userId] = now;
        if (await profiles.Get(userId) is not { } user) return ChatOutcome.NotFound;
        await Broadcast(_members.Keys.Where(id => id != userId), new RealtimeEvent("typing", Typing: new TypingView(ConversationId, user, now + TypingLasts)));
        return ChatOutcome.Done;
    }

    private long LastSeq => _conversation?.LastSeq ?? 0;

    private async Task<ConversationView> View(string viewerId)
    {
        var member = _members[viewerId];
        var members = (await Task.WhenAll(_members.Keys.Select(profiles.Get))).OfType<UserProfile>().ToList();
        var last = _lastMessage is null ? null : (await Views([_lastMessage], withReactions: false))[0];
        return new ConversationView(ConversationId, _conversation!.Kind, _conversation.Title, members,
            _members.Values.Where(m => m.IsAdmin).Select(m => m.UserId).ToList(), last,
            Math.Max(0, LastSeq - member.ReadSeq), member.ReadSeq, _conversation.CreatedAt, _conversation.UpdatedAt,
            _members.Values.Select(m => new MemberReceipts(m.UserId, m.DeliveredSeq, m.ReadSeq)).ToList(),
            IsMuted(member) ? member.MutedUntil : null);
    }

    /// <summary>
    /// The messages as members see them: sender, the quoted message of a reply, images (private
    /// links), reactions and pin. Each extra is read only for the rows that have it; a message just
    /// sent has no reactions yet, so its caller skips them (<paramref name="withReactions"/>).
    /// </summary>
    private async Task<List<MessageView>> Views(IReadOnlyList<ChatStore.MessageRow> rows, bool withReactions = true)
    {
        if (rows.Count == 0) return [];
        var quotedSeqs = rows.Where(r => r.ReplyToSeq is not null && !r.Deleted).Select(r => r.ReplyToSeq!.Value).Distinct().ToList();
        var quoted = quotedSeqs.Count == 0 ? [] : (await store.BySeqsAsync(ConversationId, quotedSeqs)).ToDictionary(q => q.Seq);
        var senders = (await Task.WhenAll(rows.Select(r => r.SenderId).Concat(quoted.Values.Select(q => q.SenderId)).Distinct().Select(profiles.Get)))
            .OfType<UserProfile>().ToDictionary(p => p.Id);
        var mediaIds = rows.Where(r => !r.Deleted).SelectMany(r => r.Media).Distinct().ToList();
        var media = mediaIds.Count == 0 ? [] : (await mediaTable.LoadInfosAsync(mediaIds)).ToDictionary(m => m.Id, mediaLinks.Private);
        var reacted = withReactions ? await reactions.OfAsync(ConversationId, rows.Select(r => r.Seq).ToList()) : [];
        return rows.Where(r => senders.ContainsKey(r.SenderId)).Select(r => new MessageView(
                r.Id, ConversationId, r.Seq, senders[r.SenderId], r.Deleted ? "" : r.Text, r.ClientMessageId, r.SentAt, r.EditedAt, r.Deleted,
                ReplyTo: r.ReplyToSeq is { } seq && !r.Deleted ? Quote(seq, quoted, senders) : null,
                Media: r.Deleted ? [] : r.Media.Where(media.ContainsKey).Select(id => media[id]).ToList(),
                Reactions: r.Deleted ? [] : reacted.GetValueOrDefault(r.Seq) ?? [],
                Pinned: r.PinnedAt is not null && !r.Deleted))
            .ToList();
    }

    private static MessageQuote? Quote(long seq, Dictionary<long, ChatStore.MessageRow> quoted, Dictionary<string, UserProfile> senders) =>
        quoted.TryGetValue(seq, out var original) && senders.TryGetValue(original.SenderId, out var sender)
            ? new MessageQuote(seq, original.Deleted ? "" : original.Text, sender, original.Deleted)
            : null;

    private async Task Announce(string change, IEnumerable<string> audience)
    {
        foreach (var userId in audience.ToList())
        {
            // Conversation partners see each other's presence: joining or leaving changes whose.
            if (change != "updated") await GrainFactory.GetGrain<IUserPresenceGrain>(userId).AudienceChanged();
            var view = _members.ContainsKey(userId) ? await View(userId) : null;
            await fanout.DeliverAsync([userId], new RealtimeEvent("conversation", Conversation: new ConversationChange(ConversationId, change, view)));
        }
    }

    /// <summary>The same event to several members: one call per node, whoever is connected where (see <see cref="RealtimeFanout"/>).</summary>
    private Task Broadcast(IEnumerable<string> userIds, RealtimeEvent realtimeEvent) => fanout.DeliverAsync(userIds.ToList(), realtimeEvent);

    private static ChatResult<T> Invalid<T>(string field, string message) =>
        new(ChatOutcome.Invalid, Errors: new Dictionary<string, string[]> { [field] = [message] });
}
