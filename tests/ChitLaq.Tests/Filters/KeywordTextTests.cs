using ChitLaq.Grains.Filters;

namespace ChitLaq.Tests.Filters;

/// <summary>How a filter or rule phrase matches text: the search analysis' folding, whole words or anywhere.</summary>
public sealed class KeywordTextTests
{
    private static bool Matches(string text, string phrase, bool wholeWord)
    {
        var (terms, folded) = KeywordText.Analyse(phrase);
        return new KeywordText(text).Contains(terms, folded, wholeWord);
    }

    [Theory]
    [InlineData("Meet at the CAFÉ", "cafe")]
    [InlineData("meet at the cafe", "Café")]
    [InlineData("Ünïversity party!", "university party")]
    [InlineData("the exam, results", "exam results")]
    [InlineData("#examweek is here", "examweek")]
    [InlineData("@ada_l said so", "ada_l")]
    public void AWholeWordPhraseMatchesTheSameWordsWhateverTheCaseAccentsOrPunctuation(string text, string phrase) =>
        Assert.True(Matches(text, phrase, wholeWord: true));

    [Theory]
    [InlineData("all the exams are over", "exam")]
    [InlineData("results of the exam", "exam results")]
    [InlineData("examination", "exam")]
    [InlineData("", "exam")]
    public void AWholeWordPhraseDoesNotMatchPartsOfWordsOrOtherOrders(string text, string phrase) =>
        Assert.False(Matches(text, phrase, wholeWord: true));

    [Theory]
    [InlineData("all the EXAMS are over", "exam")]
    [InlineData("#ExamWeek", "examweek")]
    [InlineData("so   much    spaces", "much spaces")]
    [InlineData("naïve question", "naive q")]
    public void AnAnywherePhraseMatchesInsideWordsFoldedAndWithSpacesNormalised(string text, string phrase) =>
        Assert.True(Matches(text, phrase, wholeWord: false));

    [Fact]
    public void AnAnywherePhraseOfOnlySpacesMatchesNothing() => Assert.False(Matches("anything", "   ", wholeWord: false));
}
