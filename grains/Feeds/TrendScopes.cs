namespace ChitLaq.Grains.Feeds;

/// <summary>Keys of trend grains: one global, one per university.</summary>
public static class TrendScopes
{
    public const string Global = "global";
    public static string Campus(string university) => "campus:" + university;
    public static string? UniversityOf(string scope) => scope.StartsWith("campus:", StringComparison.Ordinal) ? scope[7..] : null;
}
