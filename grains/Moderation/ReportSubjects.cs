using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Abstractions.Moderation;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Chat;
using ChitLaq.Grains.Posts;

namespace ChitLaq.Grains.Moderation;

/// <summary>
/// Finds what a report is about, as the reporter may see it: a post that exists, a message of a
/// conversation they belong to, a user with an account, a conversation they are in. A null
/// reporter (a keyword rule) sees everything.
/// </summary>
public sealed class ReportSubjects(IGrainFactory grains, ChatStore chats)
{
    private const int MaxIdLength = 64;

    public async Task<ReportableContent?> ResolveAsync(string? reporterId, ReportSubject subject)
    {
        if (string.IsNullOrWhiteSpace(subject.Id) || subject.Id.Length > MaxIdLength) return null;
        switch (subject.Kind)
        {
            case SubjectKinds.Post:
                if (!PostIds.IsWellFormed(subject.Id)) return null;
                var post = grains.GetGrain<IPostGrain>(subject.Id);
                // The reporter must be able to see it now; a rule reports what was just written.
                if (reporterId is not null && await post.GetSnapshot() is null) return null;
                return await post.ForReport();
            case SubjectKinds.Message:
                return await chats.ConversationOfMessageAsync(subject.Id) is { } conversationId
                    ? await grains.GetGrain<IConversationGrain>(conversationId).ForReport(reporterId, subject.Id)
                    : null;
            case SubjectKinds.Conversation:
                return await grains.GetGrain<IConversationGrain>(subject.Id).ForReport(reporterId, null);
            case SubjectKinds.User:
                var facts = await grains.GetGrain<IUserGrain>(subject.Id).GetFacts();
                if (facts is null || (facts.Profile.Hidden && reporterId is not null)) return null;
                var profile = facts.Profile;
                return new ReportableContent(profile.Id, new ContentSnapshot(
                    $"{profile.DisplayName} (@{profile.Handle})" + (profile.Bio is { Length: > 0 } bio ? "\n" + bio : ""), [], null, null));
            default:
                return null;
        }
    }
}
