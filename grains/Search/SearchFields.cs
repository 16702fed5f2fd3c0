using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace ChitLaq.Grains.Search;

/// <summary>
/// The index's documents. Users and posts share one index; <see cref="Uid"/> ("u:"/"p:" + id)
/// is the key every update replaces. Doc values carry what ranking and filtering read per hit.
/// </summary>
public static class SearchFields
{
    public const string Uid = "uid";
    public const string Type = "type";
    public const string Id = "id";
    public const string AuthorId = "author";
    public const string Created = "created";

    public const string Text = "text";
    public const string Tag = "tag";          // the hashtag as posted (lower case): counting
    public const string TagFolded = "tag_f";  // accent-folded: #cafe finds #café
    public const string TagKey = "tag_key";   // folded + separator + as posted: prefix listing of tags
    public const string From = "from";        // the author's handle

    public const string Handle = "handle";
    public const string HandlePrefix = "handle_p";
    public const string Name = "name";
    public const string NamePrefix = "name_p";
    public const string Major = "major";
    public const string University = "university";

    public const string Conversation = "conv"; // a message's conversation: what a search is limited to

    public const char TagKeySeparator = '\u0001';

    public static string PostUid(string postId) => "p:" + postId;
    public static string UserUid(string userId) => "u:" + userId;
    public static string MessageUid(string messageId) => "m:" + messageId;

    /// <summary>A chat message: found only through the caller's own conversations (see SearchGrain.Messages).</summary>
    public static Document Message(SearchStore.MessageRow message) => new()
    {
        new StringField(Uid, MessageUid(message.Id), Field.Store.NO),
        new StringField(Type, "message", Field.Store.NO),
        new SortedDocValuesField(Id, new BytesRef(message.Id)),
        new StringField(Conversation, message.ConversationId, Field.Store.NO),
        new SortedDocValuesField(Conversation, new BytesRef(message.ConversationId)),
        new NumericDocValuesField(Created, message.SentAt.UtcTicks),
        new TextField(Text, message.Text, Field.Store.NO),
        new StringField(From, message.SenderHandle, Field.Store.NO),
    };

    public static Document Post(SearchStore.PostRow post)
    {
        var doc = new Document
        {
            new StringField(Uid, PostUid(post.Id), Field.Store.NO),
            new StringField(Type, "post", Field.Store.NO),
            new SortedDocValuesField(Id, new BytesRef(post.Id)),
            new SortedDocValuesField(AuthorId, new BytesRef(post.AuthorId)),
            new NumericDocValuesField(Created, post.CreatedAt.UtcTicks),
            new TextField(Text, post.Text, Field.Store.NO),
            new StringField(From, post.AuthorHandle, Field.Store.NO),
        };
        foreach (var tag in post.Hashtags.Distinct())
        {
            var folded = SearchAnalysis.Fold(tag);
            doc.Add(new StringField(TagFolded, folded, Field.Store.NO));
            // Hashtag counts and suggestions are seen by everyone: only public posts add to them
            // (a campus or followers-only post is still found by its tag, by those who may see it).
            if (post.Audience != Abstractions.Posts.Audiences.Public) continue;
            doc.Add(new StringField(Tag, tag, Field.Store.NO));
            doc.Add(new StringField(TagKey, folded + TagKeySeparator + tag, Field.Store.NO));
        }
        return doc;
    }

    public static Document User(SearchStore.UserRow user)
    {
        var doc = new Document
        {
            new StringField(Uid, UserUid(user.Id), Field.Store.NO),
            new StringField(Type, "user", Field.Store.NO),
            new SortedDocValuesField(Id, new BytesRef(user.Id)),
            new TextField(Handle, user.Handle, Field.Store.NO),
            new TextField(HandlePrefix, user.Handle, Field.Store.NO),
            new TextField(Name, user.DisplayName, Field.Store.NO),
            new TextField(NamePrefix, user.DisplayName, Field.Store.NO),
            new TextField(University, user.University, Field.Store.NO),
        };
        if (!string.IsNullOrWhiteSpace(user.Major)) doc.Add(new TextField(Major, user.Major, Field.Store.NO));
        return doc;
    }
}
