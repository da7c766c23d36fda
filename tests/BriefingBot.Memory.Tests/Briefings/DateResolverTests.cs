using BriefingBot.Memory.Briefings;

namespace BriefingBot.Memory.Tests.Briefings;

/// <summary>Date expressions resolved against a publication date (Tuesday 7 December 2021), or left relative.</summary>
public sealed class DateResolverTests
{
    private static readonly DateOnly Published = new(2021, 12, 7);

    private static DateExpression One(string sentence, DateOnly? published)
    {
        var found = DateResolver.Find(sentence, 0, published);
        return Assert.Single(found);
    }

    [Theory]
    [InlineData("Talks between the two sides will start next month.", "next month", "2022-01", TimelineKind.NextStep)]
    [InlineData("The minister warned on Tuesday that prices would rise.", "on Tuesday", "2021-12-07", TimelineKind.Event)]
    [InlineData("The minister said on Monday that prices would rise.", "on Monday", "2021-12-06", TimelineKind.Event)]
    [InlineData("The summit will be held on Friday in Vienna.", "on Friday", "2021-12-10", TimelineKind.NextStep)]
    [InlineData("The US expects to start talks with Russia in January.", "in January", "2022-01", TimelineKind.NextStep)]
    [InlineData("Exports collapsed in March, the ministry reported.", "in March", "2021-03", TimelineKind.Event)]
    [InlineData("The committee met yesterday to review the bids.", "yesterday", "2021-12-06", TimelineKind.Event)]
    [InlineData("Inspectors arrive tomorrow at the plant.", "tomorrow", "2021-12-08", TimelineKind.NextStep)]
    [InlineData("The board meets next week to decide.", "next week", "2021-W50", TimelineKind.NextStep)]
    [InlineData("A decision is expected in two weeks, officials said.", "in two weeks", "2021-W51", TimelineKind.NextStep)]
    [InlineData("Sales fell sharply last year across the region.", "last year", "2020", TimelineKind.Event)]
    [InlineData("The treaty was signed on 12 March 2020 in Geneva.", "12 March 2020", "2020-03-12", TimelineKind.Event)]
    [InlineData("The alliance began to admit new members after 1997.", "after 1997", "1997", TimelineKind.Event)]
    public void Find_WithPublicationDate_ResolvesExpression(string sentence, string when, string date, TimelineKind kind)
    {
        var expression = One(sentence, Published);

        Assert.Equal(when, expression.Text);
        Assert.Equal(date, expression.Date);
        Assert.Equal(kind, expression.Kind);
        Assert.Equal(when, sentence[expression.Span.Start..expression.Span.End]);
    }

    [Theory]
    [InlineData("Talks between the two sides will start next month.", "next month", TimelineKind.NextStep)]
    [InlineData("The minister warned on Tuesday that prices would rise.", "on Tuesday", TimelineKind.Event)]
    [InlineData("The US expects to start talks with Russia in January.", "in January", TimelineKind.NextStep)]
    public void Find_WithoutPublicationDate_LeavesRelativeDateUnresolved(string sentence, string when, TimelineKind kind)
    {
        var expression = One(sentence, null);

        Assert.Equal(when, expression.Text);
        Assert.Null(expression.Date);
        Assert.Equal(kind, expression.Kind);
    }

    [Fact]
    public void Find_AbsoluteDateWithoutPublicationDate_StillResolves()
    {
        Assert.Equal("2020-03-12", One("The treaty was signed on 12 March 2020 in Geneva.", null).Date);
    }

    [Fact]
    public void Find_ModalMay_IsNotAMonth()
    {
        Assert.Empty(DateResolver.Find("Prices may rise again if the pipeline stays shut.", 0, Published));
    }
}
