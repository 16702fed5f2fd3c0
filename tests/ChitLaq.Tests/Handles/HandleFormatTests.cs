using ChitLaq.Grains.Abstractions.Handles;

namespace ChitLaq.Tests.Handles;

public sealed class HandleFormatTests
{
    [Theory]
    [InlineData("  Alice_01 ", "alice_01")]
    [InlineData("BOB", "bob")]
    public void HandlesAreTrimmedAndLowercased(string input, string expected) =>
        Assert.Equal(expected, HandleFormat.Normalize(input));

    [Theory]
    [InlineData("abc", true)]
    [InlineData("a_very_long_handle_of_30_chars", true)]
    [InlineData("ab", false)]
    [InlineData("a_very_long_handle_of_31_chars_", false)]
    [InlineData("has-dash", false)]
    [InlineData("dot.ted", false)]
    [InlineData("ünï", false)]
    [InlineData("", false)]
    public void OnlyThreeToThirtyOfLettersDigitsAndUnderscoreAreValid(string handle, bool valid) =>
        Assert.Equal(valid, HandleFormat.IsValid(handle));
}
