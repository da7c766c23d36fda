using BriefingBot.Memory.Conversations;

namespace BriefingBot.Memory.Tests.Conversations;

public sealed class NamedThingsTests
{
    [Fact]
    public void Persons_Text_FullNamesAndTitledNamesNotPlacesOrOrganisations()
    {
        const string text = "The talks in Geneva were led by Deputy Foreign Minister Sergei Ryabkov. Mr. Lavrov stayed in Moscow. "
            + "The United States and the US State Department declined. Karen Donfried’s team met Nato. Ryabkov said so.";

        Assert.Equal(["Sergei Ryabkov", "Lavrov", "Karen Donfried"], NamedThings.Persons(text));
    }

    [Fact]
    public void Persons_OneWordKnownAsTheEndOfAFullName_IsThatPerson()
    {
        Assert.Empty(NamedThings.Persons("What did Putin say?"));
        Assert.Equal(["Vladimir Putin"], NamedThings.Persons("What did Putin say?", ["Vladimir Putin"]));
    }

    [Fact]
    public void Runs_Question_NamesWithTheirArticleButNotTheFirstWord()
    {
        const string question = "What did the United States tell Nato?";

        var runs = NamedThings.Runs(question);

        Assert.Equal(["United States", "Nato"], runs.Select(r => r.Name));
        Assert.Equal("the United States", question.Substring(runs[0].Start, runs[0].Length));
        Assert.Empty(NamedThings.Runs("Russia?"));
        Assert.Single(NamedThings.Runs("Russia?", firstWordCounts: true));
    }
}
