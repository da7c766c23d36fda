using BriefingBot.Memory.Answering;

namespace BriefingBot.Memory.Tests.Answering;

public sealed class FocusTermsTests
{
    [Theory]
    [InlineData("The frost could cost a third of the harvest.", true)]
    [InlineData("Half of the vineyards were hit.", true)]
    [InlineData("Prices rose 40 per cent in a year.", true)]
    [InlineData("Turnout was 61% on Sunday.", true)]
    [InlineData("Thousands marched through the capital.", true)]
    [InlineData("The council approved 12 new berths.", true)]
    [InlineData("The talks resumed in Geneva on 10 January 2022.", false)]
    [InlineData("The minister said the third round would follow.", false)]
    [InlineData("Officials met in the spring of 2021.", false)]
    public void HasQuantity_TellsAnAmountFromADate(string sentence, bool expected) =>
        Assert.Equal(expected, FocusTerms.HasQuantity(sentence));
}
