using BriefingBot.Memory.Briefings.Evaluation;

namespace BriefingBot.Memory.Tests.Briefings;

public sealed class RougeTests
{
    private const string Reference = "The cat was under the bed.";
    private const string Candidate = "The cat was found under the bed!";

    [Fact]
    public void Tokenize_Text_LowerCasesAndSplitsOnNonAlphanumerics()
    {
        Assert.Equal(["us", "profits", "rose", "2", "to", "11", "1bn"], Rouge.Tokenize("US profits rose 2% to $11.1bn"));
    }

    [Fact]
    public void N_Unigrams_CountsClippedOverlap()
    {
        var score = Rouge.N(Candidate, Reference, 1);

        Assert.Equal(6.0 / 7, score.Precision, 6);
        Assert.Equal(1.0, score.Recall, 6);
        Assert.Equal(12.0 / 13, score.F1, 6);
    }

    [Fact]
    public void N_Bigrams_CountsOverlap()
    {
        var score = Rouge.N(Candidate, Reference, 2);

        Assert.Equal(4.0 / 6, score.Precision, 6);
        Assert.Equal(4.0 / 5, score.Recall, 6);
    }

    [Fact]
    public void L_LongestCommonSubsequence_ScoresInOrderMatches()
    {
        Assert.Equal(6, Rouge.LongestCommonSubsequence(Rouge.Tokenize(Candidate), Rouge.Tokenize(Reference)));
        Assert.Equal(0.5, Rouge.L("bed the under was cat the", Reference).Recall, 6);
    }

    [Fact]
    public void JensenShannon_SummaryOfItsSource_LowerThanUnrelatedText()
    {
        const string source = "Flood defences held as the river reached record levels. Families were moved to shelters as the river rose.";

        var faithful = SourceDivergence.JensenShannon("The river reached record levels and families were moved.", source);
        var unrelated = SourceDivergence.JensenShannon("A teenager won the national chess title after six hours.", source);

        Assert.InRange(faithful, 0, 1);
        Assert.True(faithful < unrelated, $"{faithful} vs {unrelated}");
    }
}
