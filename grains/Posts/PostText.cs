using System.Text.RegularExpressions;

namespace ChitLaq.Grains.Posts;

/// <summary>Rules of post text, and the hashtags and mentions parsed out of it.</summary>
public static partial class PostText
{
    public const int MaxLength = 500;
    private const int MaxTags = 20;

    public static string? Check(string? raw, Accounts.FieldErrors errors)
    {
        var text = raw?.Trim() ?? "";
        if (text.Length == 0) errors.Add("text", "Write something (1–500 characters).");
        else if (text.Length > MaxLength) errors.Add("text", $"Use at most {MaxLength} characters.");
        return text;
    }

    /// <summary>#tags in any script (letters, digits, underscore), lower-cased, in order of first use.</summary>
    public static string[] Hashtags(string text) =>
        HashtagPattern().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().Take(MaxTags).ToArray();

    /// <summary>@handles as written (lower-cased); whether they name existing users is checked by the caller.</summary>
    public static string[] MentionedHandles(string text) =>
        MentionPattern().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().Take(MaxTags).ToArray();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_&#])#([\p{L}\p{M}\p{N}_]{1,64})")]
    private static partial Regex HashtagPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_@.])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_])")]
    private static partial Regex MentionPattern();
}
