namespace ChitLaq.Grains.Abstractions.Posts;

/// <summary>API.md "Post.audience": who may see a post, widest first.</summary>
public static class Audiences
{
    public const string Public = "public";
    /// <summary>Signed-in students of the author's university.</summary>
    public const string Campus = "campus";
    /// <summary>The author's approved followers.</summary>
    public const string Followers = "followers";

    public static readonly IReadOnlyList<string> All = [Public, Campus, Followers];

    public static bool IsKnown(string? audience) => audience is Public or Campus or Followers;

    /// <summary>Of two audiences the narrower (a reply never reaches further than what it answers).</summary>
    public static string Narrower(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(string audience) => audience switch { Campus => 1, Followers => 2, _ => 0 };
}
