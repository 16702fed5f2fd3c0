using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Posts;

namespace ChitLaq.Grains.Posts;

/// <summary>
/// Who may see a post (API.md "Privacy and account control"), decided for one reader over a set of
/// posts: the author always; a locked author's posts, and followers-only posts, approved followers;
/// campus posts signed-in students of the author's university (of a locked author: its followers
/// among them); public posts everyone. The reader's follows are read once, only for the authors whose
/// posts need them. Every list and single read goes through <see cref="PostHydrator"/>, which applies this.
/// </summary>
public sealed class PostAudienceCheck
{
    private readonly string? _viewerId;
    private readonly string? _viewerUniversity;
    private readonly HashSet<string> _followed;

    private PostAudienceCheck(string? viewerId, string? viewerUniversity, HashSet<string> followed) =>
        (_viewerId, _viewerUniversity, _followed) = (viewerId, viewerUniversity, followed);

    public static async Task<PostAudienceCheck> ForAsync(string? viewerId, UserProfile? viewer, IEnumerable<(PostSnapshot Post, UserProfile Author)> posts, PostStore store)
    {
        var needFollow = posts.Where(p => p.Post.AuthorId != viewerId && NeedsFollow(p.Post, p.Author)).Select(p => p.Author.Id).Distinct().ToArray();
        var followed = viewerId is not null && needFollow.Length > 0 ? await store.FollowedAmongAsync(viewerId, needFollow) : [];
        return new PostAudienceCheck(viewerId, viewer?.University, followed);
    }

    public bool MaySee(PostSnapshot post, UserProfile author)
    {
        if (_viewerId is not null && post.AuthorId == _viewerId) return true;
        var sameCampus = _viewerUniversity is not null && _viewerUniversity == author.University;
        if (NeedsFollow(post, author) && !_followed.Contains(author.Id)) return false;
        return post.Audience != Audiences.Campus || sameCampus;
    }

    private static bool NeedsFollow(PostSnapshot post, UserProfile author) => author.Locked || post.Audience == Audiences.Followers;
}
