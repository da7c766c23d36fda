using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Tests.Language;

public sealed class StemmerTests
{
    [Theory]
    [InlineData("demand", "demanded")]
    [InlineData("demand", "demands")]
    [InlineData("deny", "denies")]
    [InlineData("retreat", "retreating")]
    [InlineData("talk", "talks")]
    [InlineData("stop", "stopped")]
    [InlineData("deployment", "deployments")]
    public void Stem_Inflections_MatchTheirBase(string word, string inflected) =>
        Assert.Equal(Stemmer.Stem(word), Stemmer.Stem(inflected));

    [Theory]
    [InlineData("bus", "bu")]
    [InlineData("sing", "sign")]
    public void Stem_UnrelatedWords_StayApart(string a, string b) =>
        Assert.NotEqual(Stemmer.Stem(a), Stemmer.Stem(b));
}
