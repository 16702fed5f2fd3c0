using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Feeds;
using ChitLaq.Grains.Abstractions.Handles;
using ChitLaq.Grains.Abstractions.Media;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Accounts;
using ChitLaq.Grains.Feeds;
using ChitLaq.Grains.Media;

namespace ChitLaq.Grains.Posts;

/// <summary>
/// One post: its row in <c>posts</c> is loaded on activation and this grain is the only writer of
/// it afterwards, so counters stay exact. Side effects (notifications, fan-out, trends) follow
/// each change; fan-out runs after the caller has its answer.
/// </summary>
[GrainType("post")]
public sealed class PostGrain(PostStore store, PostHydrator hydrator, MediaTable mediaTable, Moderation.KeywordRuleBook rules,
    Moderation.AutomaticReports automaticReports, ChitLaqMetrics metrics, TimeProvider clock) : Grain, IPostGrain
{
    private PostRow? _row;

    private const int MaxImages = 4;
    private IReadOnlyList<MediaInfo> _media = [];

    private string PostId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();
    private bool Exists => _row is { DeletedAt: null };

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (PostIds.IsWellFormed(PostId)) _row = await store.LoadAsync(PostId);
        // Attached images never change: read once per activation, then served from memory.
        if (_row is { MediaIds.Length: > 0 }) _media = await mediaTable.LoadInfosAsync(_row.MediaIds);
    }

    public async Task<PostResult> Create(NewPost post)
    {
        if (_row is not null || !PostIds.IsWellFormed(PostId)) return Invalid("id", "This post id cannot be used.");
        var errors = new FieldErrors();
        var text = PostText.Check(post.Text, errors);
        if (post.MediaIds.Count > MaxImages) errors.Add("mediaIds", $"Attach at most {MaxImages} images.");
        else if (post.MediaIds.Distinct().Count() != post.MediaIds.Count) errors.Add("mediaIds", "The same image is listed twice.");
        var author = await GrainFactory.GetGrain<IUserGrain>(post.AuthorId).GetMe();
        if (author is null) return Invalid("authorId", "No such account.");
        var audience = post.Audience ?? author.DefaultAudience;
        if (!Audiences.IsKnown(audience)) errors.Add("audience", "Choose public, campus or followers.");
        var authorFilter = await GrainFactory.GetGrain<IUserGraphGrain>(post.AuthorId).GetFeedFilter();

        PostSnapshot? parent = null;
        if (post.ReplyToId is not null)
        {
            parent = PostIds.IsWellFormed(post.ReplyToId) ? await GrainFactory.GetGrain<IPostGrain>(post.ReplyToId).GetSnapshot() : null;
            if (parent is not null && authorFilter.BlockedEitherWay.Contains(parent.AuthorId)) return new PostResult(PostOutcome.Blocked);
            // A post one may not see does not exist for one, also to reply to.
            if (parent is not null && await GrainFactory.GetGrain<IPostGrain>(parent.Id).GetView(post.AuthorId) is null) parent = null;
            if (parent is null) errors.Add("replyToId", "The post you reply to does not exist.");
            else if (Audiences.IsKnown(audience))
            {
                // A reply reaches no further than what it answers (a locked author's posts count as followers-only).
                var parentAuthor = await GrainFactory.GetGrain<IUserGrain>(parent.AuthorId).GetProfile();
                audience = Audiences.Narrower(audience, parentAuthor is { Locked: true } ? Audiences.Followers : parent.Audience);
            }
        }
        if (errors.Any) return new PostResult(PostOutcome.Invalid, Errors: errors.ToDictionary());
        var verdict = await rules.CheckAsync(text!);
        if (verdict.Blocks) return new PostResult(PostOutcome.ContentBlocked);

        // Claim the images before the post exists, so two posts cannot both take one; give them back if the post fails.
        var media = await AttachMedia(post.AuthorId, post.MediaIds);
        if (media is null) return Invalid("mediaIds", "No uploaded image of yours with this id is free to attach.");

        var mentioned = await ResolveMentions(text!, authorFilter);
        _row = new PostRow(PostId, post.AuthorId, text!, PostText.Hashtags(text!), mentioned.Select(m => m.Handle).ToArray(),
            post.MediaIds.ToArray(), post.ReplyToId, null, Now, null, null, 0, 0, 0, audience);
        try
        {
            await store.InsertAsync(_row);
        }
        catch
        {
            _row = null;
            await ReleaseMedia(post.MediaIds);
            throw;
        }
        _media = media;
        metrics.PostsCreated.Add(1);

        await GrainFactory.GetGrain<IUserGraphGrain>(post.AuthorId).PostsChanged(+1);
        if (parent is not null)
        {
            await GrainFactory.GetGrain<IPostGrain>(parent.Id).ReplyCountChanged(+1);
            await NotifyIfTheyMaySee(parent.AuthorId, NotificationTypes.Reply, post.AuthorId);
        }
        foreach (var (userId, _) in mentioned.Where(m => m.UserId != parent?.AuthorId))
            await NotifyIfTheyMaySee(userId, NotificationTypes.Mention, post.AuthorId);

        if (parent is null)
        {
            // The author sees their own post at once; followers get it from the fan-out (a campus post only those of the author's university).
            var entry = new TimelineEntry(PostId, post.AuthorId, null);
            await GrainFactory.GetGrain<ITimelineGrain>(post.AuthorId).Add(entry);
            await GrainFactory.GetGrain<IFanoutGrain>(0).Push(entry, audience == Audiences.Campus ? author.Profile.University : null);
        }
        // Trends count what everyone may see: a restricted post's hashtags stay out of them.
        if (IsOpenToAll(author.Profile.Locked)) await Trends(post.AuthorId, trends => trends.PostCreated(new TrendPost(PostId, post.AuthorId, _row.Hashtags, _row.CreatedAt)));
        await automaticReports.FileAsync(verdict, new Abstractions.Moderation.ReportSubject(Abstractions.Moderation.SubjectKinds.Post, PostId));
        return new PostResult(PostOutcome.Done, await GetView(post.AuthorId));
    }

    /// <summary>Public, by an account that is not locked: what trends may count and others may repost.</summary>
    private bool IsOpenToAll(bool authorLocked) => _row!.Audience == Audiences.Public && !authorLocked;

    /// <summary>Reply and mention notifications go only to people the post is visible to.</summary>
    private async Task NotifyIfTheyMaySee(string userId, string type, string actorId)
    {
        if (await GetView(userId) is null) return;
        await GrainFactory.GetGrain<IUserGraphGrain>(userId).Notify(new NotificationRequest(type, actorId, PostId));
    }

    public Task<PostSnapshot?> GetSnapshot() => Task.FromResult(Exists ? Snapshot(_row!) : null);

    public async Task<PostView?> GetView(string? viewerId)
    {
        if (!Exists) return null;
        var filter = viewerId is null ? FeedFilter.None : (await GrainFactory.GetGrain<IUserGraphGrain>(viewerId).GetFeedFilter()).BlocksOnly();
        return (await hydrator.HydrateAsync([PostId], viewerId, filter)).SingleOrDefault();
    }

    public async Task<PostResult> Edit(string editorId, string text)
    {
        if (!Exists) return new PostResult(PostOutcome.NotFound);
        if (_row!.AuthorId != editorId || _row.RepostOfId is not null) return new PostResult(PostOutcome.Forbidden);
        var errors = new FieldErrors();
        var checkedText = PostText.Check(text, errors);
        if (errors.Any) return new PostResult(PostOutcome.Invalid, Errors: errors.ToDictionary());
        var verdict = await rules.CheckAsync(checkedText!);
        if (verdict.Blocks) return new PostResult(PostOutcome.ContentBlocked);

        var filter = await GrainFactory.GetGrain<IUserGraphGrain>(editorId).GetFeedFilter();
        var mentioned = await ResolveMentions(checkedText!, filter);
        _row = _row with { Text = checkedText!, Hashtags = PostText.Hashtags(checkedText!), Mentions = mentioned.Select(m => m.Handle).ToArray(), EditedAt = Now };
        await store.EditAsync(PostId, _row.Text, _row.Hashtags, _row.Mentions, _row.EditedAt!.Value);
        await automaticReports.FileAsync(verdict, new Abstractions.Moderation.ReportSubject(Abstractions.Moderation.SubjectKinds.Post, PostId));
        return new PostResult(PostOutcome.Done, await GetView(editorId));
    }

    public async Task<IReadOnlyList<PostVersion>?> History(string? viewerId)
    {
        if (await GetView(viewerId) is null) return null;
        // Stored: each replaced text with when it was replaced, i.e. when the next one was written.
        var replaced = await store.HistoryAsync(PostId);
        var versions = new List<PostVersion> { new(_row!.Text, _row.EditedAt ?? _row.CreatedAt) };
        for (var i = 0; i < replaced.Count; i++)
            versions.Add(new PostVersion(replaced[i].Text, i + 1 < replaced.Count ? replaced[i + 1].EditedAt : _row.CreatedAt));
        return versions;
    }

    public async Task<PostOutcome> Delete(string actorId, bool actorIsModerator)
    {
        if (!Exists) return PostOutcome.NotFound;
        if (_row!.AuthorId != actorId && !actorIsModerator) return PostOutcome.Forbidden;
        if (_row.RepostOfId is { } original && _row.AuthorId == actorId)
            return await GrainFactory.GetGrain<IPostGrain>(original).Unrepost(actorId);

        await store.MarkDeletedAsync(PostId, Now);
        _row = _row with { DeletedAt = Now };
        await ReleaseMedia(_row.MediaIds);
        await TakeDownEverywhere();
        return PostOutcome.Done;
    }

    /// <summary>After deletion or removal: counters, timelines, reposts' timelines, trends.</summary>
    private async Task TakeDownEverywhere()
    {
        if (_row!.RepostOfId is null) await GrainFactory.GetGrain<IUserGraphGrain>(_row.AuthorId).PostsChanged(-1);
        if (_row.ReplyToId is { } parent) await GrainFactory.GetGrain<IPostGrain>(parent).ReplyCountChanged(-1);

        await GrainFactory.GetGrain<ITimelineGrain>(_row.AuthorId).Remove(PostId);
        await GrainFactory.GetGrain<IFanoutGrain>(0).Retract(_row.AuthorId, PostId);
        foreach (var repost in await store.RepostsOfAsync(PostId))
            await GrainFactory.GetGrain<IFanoutGrain>(0).Retract(repost.AuthorId, repost.PostId);
        await Trends(_row.AuthorId, trends => trends.PostDeleted(PostId));
    }

    public async Task<bool> Moderate(bool removed)
    {
        if (_row is null || (_row.DeletedAt is null) != removed) return false;
        if (removed)
        {
            await store.MarkDeletedAsync(PostId, Now);
            _row = _row with { DeletedAt = Now };
            await TakeDownEverywhere();
            return true;
        }
        // Overturned: back where it was. Its images were never released, so they are still attached.
        await store.RestoreAsync(PostId);
        _row = _row with { DeletedAt = null };
        if (_row.RepostOfId is null) await GrainFactory.GetGrain<IUserGraphGrain>(_row.AuthorId).PostsChanged(+1);
        if (_row.ReplyToId is { } parent) await GrainFactory.GetGrain<IPostGrain>(parent).ReplyCountChanged(+1);
        else
        {
            var entry = new TimelineEntry(PostId, _row.AuthorId, null);
            await GrainFactory.GetGrain<ITimelineGrain>(_row.AuthorId).Add(entry);
            await GrainFactory.GetGrain<IFanoutGrain>(0).Push(entry);
        }
        return true;
    }

    public Task<Abstractions.Moderation.ReportableContent?> ForReport() => Task.FromResult(_row is null ? null
        : new Abstractions.Moderation.ReportableContent(_row.AuthorId,
            new Abstractions.Moderation.ContentSnapshot(_row.Text, _media, null, _row.EditedAt ?? _row.CreatedAt)));

    public async Task<PostOutcome> Like(string userId)
    {
        if (await Refuse(userId) is { } refused) return refused;
        if (_row!.RepostOfId is { } original) return await GrainFactory.GetGrain<IPostGrain>(original).Like(userId);
        if (await store.LikeAsync(PostId, userId, Now))
        {
            _row = _row with { LikeCount = _row.LikeCount + 1 };
            await GrainFactory.GetGrain<IUserGraphGrain>(_row.AuthorId).Notify(new NotificationRequest(NotificationTypes.Like, userId, PostId));
            if (_row.Audience == Audiences.Public) await Trends(_row.AuthorId, trends => trends.PostEngaged(PostId, userId, 1));
        }
        return PostOutcome.Done;
    }

    public async Task<PostOutcome> Unlike(string userId)
    {
        if (!Exists) return PostOutcome.NotFound;
        if (_row!.RepostOfId is { } original) return await GrainFactory.GetGrain<IPostGrain>(original).Unlike(userId);
        if (await store.UnlikeAsync(PostId, userId)) _row = _row with { LikeCount = _row.LikeCount - 1 };
        return PostOutcome.Done;
    }

    public async Task<PostOutcome> Repost(string userId)
    {
        if (await Refuse(userId) is { } refused) return refused;
        if (_row!.RepostOfId is { } original) return await GrainFactory.GetGrain<IPostGrain>(original).Repost(userId);
        if (!IsOpenToAll((await GrainFactory.GetGrain<IUserGrain>(_row.AuthorId).GetProfile())?.Locked ?? false)) return PostOutcome.NotRepostable;
        if (await store.RepostAsync(PostId, userId, Now) is { } repostId)
        {
            _row = _row with { RepostCount = _row.RepostCount + 1 };
            var entry = new TimelineEntry(repostId, userId, _row.AuthorId);
            await GrainFactory.GetGrain<ITimelineGrain>(userId).Add(entry);
            await GrainFactory.GetGrain<IFanoutGrain>(0).Push(entry);
            await GrainFactory.GetGrain<IUserGraphGrain>(_row.AuthorId).Notify(new NotificationRequest(NotificationTypes.Repost, userId, PostId));
            await Trends(_row.AuthorId, trends => trends.PostEngaged(PostId, userId, 2));
        }
        return PostOutcome.Done;
    }

    public async Task<PostOutcome> Unrepost(string userId)
    {
        if (!Exists) return PostOutcome.NotFound;
        if (_row!.RepostOfId is { } original) return await GrainFactory.GetGrain<IPostGrain>(original).Unrepost(userId);
        if (await store.UnrepostAsync(PostId, userId, Now) is { } repostId)
        {
            _row = _row with { RepostCount = _row.RepostCount - 1 };
            await GrainFactory.GetGrain<ITimelineGrain>(userId).Remove(repostId);
            await GrainFactory.GetGrain<IFanoutGrain>(0).Retract(userId, repostId);
        }
        return PostOutcome.Done;
    }

    public async Task ReplyCountChanged(int delta)
    {
        if (_row is null) return;
        await store.AdjustRepliesAsync(PostId, delta);
        _row = _row with { ReplyCount = Math.Max(0, _row.ReplyCount + delta) };
    }

    /// <summary>Not found, or blocked between the actor and the author.</summary>
    private async Task<PostOutcome?> Refuse(string userId)
    {
        if (!Exists) return PostOutcome.NotFound;
        var filter = await GrainFactory.GetGrain<IUserGraphGrain>(_row!.AuthorId).GetFeedFilter();
        if (filter.BlockedEitherWay.Contains(userId)) return PostOutcome.Blocked;
        // What one may not see cannot be liked or reposted either (and is not there to one).
        return await GetView(userId) is null ? PostOutcome.NotFound : null;
    }

    private async Task<List<(string UserId, string Handle)>> ResolveMentions(string text, FeedFilter authorFilter)
    {
        var handles = PostText.MentionedHandles(text);
        // An erased account's handle stays reserved, but there is nobody there to tell.
        var owners = await Task.WhenAll(handles.Select(async h => await GrainFactory.GetGrain<IHandleRegistryGrain>(h).GetOwner() is { } id
            && await GrainFactory.GetGrain<IUserGrain>(id).IsRegistered() ? id : null));
        return handles.Zip(owners)
            .Where(pair => pair.Second is not null && !authorFilter.BlockedEitherWay.Contains(pair.Second))
            .Select(pair => (pair.Second!, pair.First)).ToList();
    }

    /// <summary>Tells the global trends and the author's campus trends (one-way calls).</summary>
    private async Task Trends(string authorId, Func<ITrendsGrain, Task> tell)
    {
        await tell(GrainFactory.GetGrain<ITrendsGrain>(TrendScopes.Global));
        if (await GrainFactory.GetGrain<IUserGrain>(authorId).GetProfile() is { } author)
            await tell(GrainFactory.GetGrain<ITrendsGrain>(TrendScopes.Campus(author.University)));
    }

    private PostSnapshot Snapshot(PostRow row) => new(row.Id, row.AuthorId, row.Text, row.Hashtags, row.Mentions, row.MediaIds,
        row.ReplyToId, row.RepostOfId, row.CreatedAt, row.EditedAt, row.LikeCount, row.ReplyCount, row.RepostCount, _media, row.Audience);

    /// <summary>Attaches every image to this post, in order; null (and none attached) if any is not the author's or not free.</summary>
    private async Task<List<MediaInfo>?> AttachMedia(string authorId, IReadOnlyList<string> mediaIds)
    {
        var attached = new List<MediaInfo>(mediaIds.Count);
        foreach (var mediaId in mediaIds)
        {
            var result = string.IsNullOrWhiteSpace(mediaId) || mediaId.Length > 64
                ? new MediaAttachResult(MediaAttachOutcome.NotFound)
                : await GrainFactory.GetGrain<IMediaGrain>(mediaId).Attach(authorId, MediaTargets.Post(PostId));
            if (result.Outcome != MediaAttachOutcome.Done)
            {
                await ReleaseMedia(attached.Select(m => m.Id).ToList());
                return null;
            }
            attached.Add(result.Media!);
        }
        return attached;
    }

    private async Task ReleaseMedia(IReadOnlyList<string> mediaIds)
    {
        foreach (var mediaId in mediaIds)
            await GrainFactory.GetGrain<IMediaGrain>(mediaId).Release(MediaTargets.Post(PostId));
    }

    private static PostResult Invalid(string field, string message) =>
        new(PostOutcome.Invalid, Errors: new Dictionary<string, string[]> { [field] = [message] });
}
