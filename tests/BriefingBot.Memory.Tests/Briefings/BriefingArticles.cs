using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Memory.Tests.Briefings;

/// <summary>Short news articles written for the briefing tests (invented people and events).</summary>
internal static class BriefingArticles
{
    public const string FloodTitle = "Flood defences hold as river peaks in Kestrel Valley";

    public const string Flood = FloodTitle + "\n\n" +
        "Flood defences along the Kestrel river held overnight as the water reached its highest level in forty years, officials said on Monday.\n\n" +
        "Ruth Adeyemi, director of the National Flood Agency, said three hundred families had been moved to shelters in Norbridge and that no lives had been lost.\n\n" +
        "“The river has risen two metres since Friday. We have moved everyone we needed to move,” Adeyemi told reporters. “But the next two days will decide whether the valley stays dry.”\n\n" +
        "The agency will inspect every barrier next week, she said, and a full report is due in January.\n\n" +
        "Mr Tomas Varga, the mayor of Norbridge, warned that the town's main bridge could stay closed for months. “We are asking people to be patient with us,” he said.\n\n" +
        "Farmers in the valley say the losses to winter crops are already severe, and the regional council has promised emergency payments to those affected.";

    public const string FloodFollowUpTitle = "Kestrel Valley braces for more rain";

    public const string FloodFollowUp = FloodFollowUpTitle + "\n\n" +
        "Forecasters expect heavy rain to return to the Kestrel Valley on Thursday, days after flood defences held against record water levels.\n\n" +
        "Ruth Adeyemi, director of the National Flood Agency, said pumps had been moved to the weakest barriers near Norbridge.\n\n" +
        "“We are better prepared than we have ever been, but nobody should be complacent,” Adeyemi said.\n\n" +
        "The regional council will vote next month on a plan to raise the river walls by a metre.";

    public const string ChessTitle = "Teenager wins national chess title";

    public const string Chess = ChessTitle + "\n\n" +
        "A sixteen-year-old from Harlow won the national chess championship on Sunday after a tense final game that lasted six hours.\n\n" +
        "“I did not think I could win until the very last move,” said Priya Raman, who began playing at the age of seven.\n\n" +
        "The chess federation said entries to junior tournaments had doubled since last year.";

    public static IngestRequest Request(string id, string text, string title, DateTimeOffset? published = null) =>
        new() { DocumentId = id, Text = text, Title = title, Published = published };
}
