using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Grains.Abstractions.Moderation;

/// <summary>What a server-wide keyword rule does to a post or message that matches it.</summary>
public static class KeywordRuleActions
{
    /// <summary>Refused at write time: 422 <c>content_blocked</c>.</summary>
    public const string Block = "block";

    /// <summary>Let through, and a report is opened automatically for the author's university's moderators.</summary>
    public const string Report = "report";
}

[GenerateSerializer, Immutable, Alias("chitlaq.moderation.keyword-rule")]
public sealed record KeywordRuleView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Phrase,
    [property: Id(2)] bool WholeWord,
    [property: Id(3)] string Action,
    [property: Id(4)] UserProfile? CreatedBy,
    [property: Id(5)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("chitlaq.moderation.keyword-rule-request")]
public sealed record KeywordRuleRequest(
    [property: Id(0)] string Phrase,
    [property: Id(1)] bool WholeWord,
    [property: Id(2)] string Action);

/// <summary>
/// The server's keyword rules (one grain, key 0): admins list, add and remove them, each change in
/// the audit log. Writes are checked against the rules by every node from its own cached copy.
/// </summary>
[Alias("chitlaq.moderation.keyword-rules-grain")]
public interface IKeywordRulesGrain : IGrainWithIntegerKey
{
    [Alias("list")] Task<ModerationResult<IReadOnlyList<KeywordRuleView>>> List(string adminId);
    [Alias("add")] Task<ModerationResult<KeywordRuleView>> Add(string adminId, KeywordRuleRequest request);
    [Alias("remove")] Task<ModerationResult<bool>> Remove(string adminId, string ruleId);
}
