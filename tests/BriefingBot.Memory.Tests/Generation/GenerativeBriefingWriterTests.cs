using System.Net;
using System.Text.RegularExpressions;
using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Generation;
using BriefingBot.Memory.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Memory.Tests.Generation;

/// <summary>
/// Written briefings through the real Semantic Kernel connectors against a scripted OpenAI-compatible server on
/// loopback, over a real memory holding the sample briefing; the grounding check uses the real local model.
/// </summary>
public sealed partial class GenerativeBriefingWriterTests
{
    [Fact]
    public async Task Build_GroundedProse_ReplacesKeyPointsAndAddsCitedWatchItems()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Fallback = r => ScriptedResponse.Chat($"""
            Key points:
            {KeyPointWith(r, "scale back")}. Russia is pressing Nato and the US to reduce their military presence in eastern Europe [{PassageWith(r, "scale back")}].
            {KeyPointWith(r, "diplomatic way")}. The talks are meant to find a diplomatic way of cooling the crisis around Ukraine [{PassageWith(r, "diplomatic way")}].

            What to watch:
            - Which of the Russian proposals Washington will discuss, since Donfried said others would be rejected [{PassageWith(r, "told journalists")}].
            """);

        var (briefing, request) = await BuildAsync(bed);

        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        var drafts = DraftKeyPoints(request);
        Assert.Equal(drafts.Count, briefing.KeyPoints.Count);
        Assert.Equal(BriefingBuilder.GenerativeMode, briefing.Mode);
        var russia = briefing.KeyPoints[KeyPointWith(request, "scale back") - 1];
        Assert.Equal("Russia is pressing Nato and the US to reduce their military presence in eastern Europe.", russia.Text);
        Assert.Equal([PassageWith(request, "scale back")], russia.Citations);
        var aim = briefing.KeyPoints[KeyPointWith(request, "diplomatic way") - 1];
        Assert.StartsWith("The talks are meant to find a diplomatic way", aim.Text, StringComparison.Ordinal);
        Assert.Equal([PassageWith(request, "diplomatic way")], aim.Citations);
        var untouched = Enumerable.Range(0, drafts.Count).Where(i => i != KeyPointWith(request, "scale back") - 1 && i != KeyPointWith(request, "diplomatic way") - 1);
        Assert.All(untouched, i => Assert.Equal(drafts[i], briefing.KeyPoints[i].Text));

        var watch = Assert.Single(briefing.OpenQuestions!);
        Assert.StartsWith("Which of the Russian proposals Washington will discuss", watch.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("[", watch.Text, StringComparison.Ordinal);
        Assert.Equal([PassageWith(request, "told journalists")], watch.Citations);
        Assert.Contains("Donfried", briefing.Citations[watch.Citations[0] - 1].Quote, StringComparison.Ordinal);
        var text = await bed.DocumentTextAsync();
        Assert.All(briefing.Citations, c => Assert.Equal(text[c.Start..c.End], c.Quote));
    }

    [Fact]
    public async Task Build_InventedCitation_SentenceDroppedAndExtractivePointKept()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Fallback = r => ScriptedResponse.Chat($"""
            Key points:
            {KeyPointWith(r, "scale back")}. Russia wants Nato and the United States to scale back their military presence in eastern Europe [{Passages(r) + 7}].

            What to watch:
            - Whether Russia will scale back its demands on Nato's presence in eastern Europe [{PassageWith(r, "scale back")}][{Passages(r) + 1}].
            """);

        var (briefing, request) = await BuildAsync(bed);

        Assert.Equal(DraftKeyPoints(request), briefing.KeyPoints.Select(p => p.Text));
        Assert.Empty(briefing.OpenQuestions!);
        Assert.Equal(BriefingBuilder.ExtractiveMode, briefing.Mode);
        Assert.All(briefing.KeyPoints, p => Assert.All(p.Citations, n => Assert.InRange(n, 1, briefing.Citations.Count)));
        Assert.Contains(bed.Logs.Entries, e => e.Message.Contains("2 written briefing sentence(s) cited passages that do not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_UnsupportedSentence_RemovedAndPointWithNothingSupportedStaysExtractive()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Fallback = r => ScriptedResponse.Chat($"""
            **Key points**
            {KeyPointWith(r, "scale back")}. Russia wants Nato and the US to scale back their military presence in eastern Europe [{PassageWith(r, "scale back")}]. Nato agreed to withdraw its troops from Poland by March [{PassageWith(r, "scale back")}].
            {KeyPointWith(r, "diplomatic way")}. The central bank raised interest rates to curb inflation [{PassageWith(r, "diplomatic way")}].

            **What to watch**
            - Whether oil prices fall below fifty dollars a barrel after the election [{PassageWith(r, "Swift")}].
            """);

        var (briefing, request) = await BuildAsync(bed);

        var drafts = DraftKeyPoints(request);
        var russia = briefing.KeyPoints[KeyPointWith(request, "scale back") - 1];
        Assert.Equal("Russia wants Nato and the US to scale back their military presence in eastern Europe.", russia.Text);
        Assert.Equal([PassageWith(request, "scale back")], russia.Citations);
        Assert.Equal(drafts[KeyPointWith(request, "diplomatic way") - 1], briefing.KeyPoints[KeyPointWith(request, "diplomatic way") - 1].Text);
        Assert.DoesNotContain(briefing.KeyPoints, p => p.Text.Contains("Poland", StringComparison.Ordinal) || p.Text.Contains("inflation", StringComparison.Ordinal));
        Assert.Empty(briefing.OpenQuestions!);
        Assert.Equal(BriefingBuilder.GenerativeMode, briefing.Mode);
    }

    [Fact]
    public async Task Build_ModelFails_ExtractiveBriefingReturnedAndLogged()
    {
        await using var bed = await GenerativeTestBed.CreateAsync(o => o.MaxRetries = 0);
        bed.Server.Fallback = _ => ScriptedResponse.Error(500, "model overloaded");

        var (briefing, request) = await BuildAsync(bed);

        Assert.Equal(BriefingBuilder.ExtractiveMode, briefing.Mode);
        Assert.Null(briefing.OpenQuestions);
        Assert.Equal(DraftKeyPoints(request), briefing.KeyPoints.Select(p => p.Text));
        Assert.NotEmpty(briefing.Entities);
        Assert.Contains(bed.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("briefing stays extractive", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MarkdownHeadingsBulletsAndContinuations_ReadsEachSection()
    {
        var reply = BriefingReply.Parse("""
            ## Key points
            1) First point [1].
            continues here [2].
            **3.** Third point [3].

            ### Open questions and what to watch:
            * Will it hold? [4]
            2. When is the vote? [5]
            """);

        Assert.Equal("First point [1]. continues here [2].", reply.KeyPoints[1]);
        Assert.Equal("Third point [3].", reply.KeyPoints[3]);
        Assert.False(reply.KeyPoints.ContainsKey(2));
        Assert.Equal(["Will it hold? [4]", "When is the vote? [5]"], reply.Watch);
    }

    private static async Task<(Briefing Briefing, RecordedRequest Request)> BuildAsync(GenerativeTestBed bed)
    {
        var writer = new GenerativeBriefingWriter(bed.Model, GenerativeTestBed.GroundingEmbedder, bed.Logs.CreateLogger<GenerativeBriefingWriter>());
        var briefing = await new BriefingBuilder(bed.Memory, writer: writer)
            .BuildAsync(BriefingRequest.ForDocuments(bed.DocumentId), TestContext.Current.CancellationToken);
        return (briefing, bed.Server.ChatRequests[^1]);
    }

    private static int Passages(RecordedRequest request) => GenerativeTestBed.FactsOf(request).Count;

    private static int PassageWith(RecordedRequest request, string phrase) =>
        GenerativeTestBed.FactsOf(request).First(f => WebUtility.HtmlDecode(f.Value).Contains(phrase, StringComparison.Ordinal)).Key;

    /// <summary>The draft key points as the prompt numbered them, without their markers.</summary>
    private static List<string> DraftKeyPoints(RecordedRequest request) =>
        WebUtility.HtmlDecode(request.Messages[^1].Content).Split('\n').Select(l => DraftLine().Match(l.Trim()))
            .Where(m => m.Success).Select(m => m.Groups[2].Value).ToList();

    private static int KeyPointWith(RecordedRequest request, string phrase) =>
        DraftKeyPoints(request).FindIndex(p => p.Contains(phrase, StringComparison.Ordinal)) + 1;

    [GeneratedRegex(@"^(\d+)\. (.*?) (?:\[\d+\])+$")]
    private static partial Regex DraftLine();
}
