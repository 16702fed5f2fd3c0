namespace ChitLaq.Grains.Abstractions.Moderation;

/// <summary>What can be reported (API.md "Trust and safety").</summary>
public static class SubjectKinds
{
    public const string Post = "post";
    public const string Message = "message";
    public const string User = "user";
    public const string Conversation = "conversation";

    public static readonly IReadOnlyList<string> All = [Post, Message, User, Conversation];
}

/// <summary>Report categories, after Bluesky's and Mastodon's report reasons.</summary>
public static class ReportCategories
{
    public static readonly IReadOnlyList<string> All =
        ["spam", "harassment", "hate", "violence", "sexual", "self_harm", "impersonation", "private_info", "other"];
}

public static class ReportStatuses
{
    public const string Open = "open";
    public const string Assigned = "assigned";
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> All = [Open, Assigned, Resolved];
}

/// <summary>What a moderator decides about a user.</summary>
public static class DecisionActions
{
    public const string ContentRemoved = "content_removed";
    public const string Warning = "warning";
    public const string Limit = "limit";
    public const string Suspension = "suspension";
    public const string Ban = "ban";
    public const string Dismissed = "dismissed";
    public const string Lifted = "lifted";

    public static readonly IReadOnlyList<string> All = [ContentRemoved, Warning, Limit, Suspension, Ban, Dismissed, Lifted];

    /// <summary>Actions taken on a user directly (not through a report).</summary>
    public static readonly IReadOnlyList<string> OnUsers = [Warning, Limit, Suspension, Ban, Lifted];

    /// <summary>Actions that need a duration (hours).</summary>
    public static bool NeedsDuration(string action) => action is Limit or Suspension;

    /// <summary>Actions the user can appeal: the ones that took something from them.</summary>
    public static bool IsAppealable(string action) => action is ContentRemoved or Warning or Limit or Suspension or Ban;

    /// <summary>How long after a decision it can be appealed.</summary>
    public static readonly TimeSpan AppealWindow = TimeSpan.FromDays(20);
}

public static class AppealOutcomes
{
    public const string Pending = "pending";
    public const string Upheld = "upheld";
    public const string Overturned = "overturned";
}
