using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Ingestion.Chunking;
using BriefingBot.Memory.Language;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Ingestion;

public sealed class SentenceChunkerTests
{
    private static readonly string Article = TextNormalizer.Normalize(string.Join("\n\n", Enumerable.Range(1, 12).Select(p =>
        string.Join(" ", Enumerable.Range(1, 5).Select(s =>
            $"Paragraph {p} sentence {s} reports that negotiators from several capitals met again on day {p * s} to discuss guarantees.")))));

    [Fact]
    public void Chunk_EveryChunk_FitsTheBudgetInModelTokens()
    {
        var options = new ChunkingOptions { MaxTokens = 64, OverlapTokens = 16 };

        var chunks = new SentenceChunker(TestMemory.Embedder, options).Chunk(Article);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.InRange(TestMemory.Embedder.CountTokens(c.Text), 1, 64));
        Assert.All(chunks, c => Assert.Equal(c.TokenCount, TestMemory.Embedder.CountTokens(c.Text)));
    }

    [Fact]
    public void Chunk_Ranges_AreExactAndCoverTheWholeText()
    {
        var chunks = new SentenceChunker(TestMemory.Embedder, new ChunkingOptions { MaxTokens = 80, OverlapTokens = 20 }).Chunk(Article);

        Assert.All(chunks, c => Assert.Equal(Article[c.Span.Start..c.Span.End], c.Text));
        Assert.Equal(0, chunks[0].Span.Start);
        Assert.Equal(Article.Length, chunks[^1].Span.End);
        for (var i = 1; i < chunks.Count; i++)
        {
            var gap = chunks[i].Span.Start > chunks[i - 1].Span.End ? Article[chunks[i - 1].Span.End..chunks[i].Span.Start] : "";
            Assert.True(string.IsNullOrWhiteSpace(gap), $"text lost between chunks: '{gap}'");
            Assert.True(chunks[i].Span.Start > chunks[i - 1].Span.Start, "a chunk must move forward");
        }
    }

    [Fact]
    public void Chunk_WithOverlap_RepeatsTheLastSentenceOfThePreviousChunk()
    {
        var chunks = new SentenceChunker(TestMemory.Embedder, new ChunkingOptions { MaxTokens = 80, OverlapTokens = 30 }).Chunk(Article);

        var overlapping = chunks.Zip(chunks.Skip(1)).Count(pair => pair.Second.Span.Start < pair.First.Span.End);
        Assert.True(overlapping > 0);
        Assert.All(chunks.Zip(chunks.Skip(1)).Where(p => p.Second.Span.Start < p.First.Span.End), pair =>
        {
            var shared = Article[pair.Second.Span.Start..pair.First.Span.End];
            Assert.True(TestMemory.Embedder.CountTokens(shared) <= 30);
            Assert.Contains(SentenceSplitter.Split(Article), s => s.Start == pair.Second.Span.Start);
        });
    }

    [Fact]
    public void Chunk_SentenceLongerThanBudget_IsCutBetweenWordsWithoutLoss()
    {
        var longSentence = string.Join(' ', Enumerable.Repeat("interminable", 300)) + ".";

        var chunks = new SentenceChunker(TestMemory.Embedder, new ChunkingOptions { MaxTokens = 50, OverlapTokens = 0 }).Chunk(longSentence);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(c.TokenCount <= 50));
        Assert.Equal(longSentence, string.Join(' ', chunks.Select(c => c.Text)));
    }

    [Fact]
    public void Validate_ChunkLargerThanModelWindow_Fails()
    {
        var options = new ChunkingOptions { MaxTokens = 500, MaxTitleTokens = 48 };

        var error = Assert.Throws<ArgumentException>(() => options.Validate(TestMemory.Embedder.MaxPassageTokens));

        Assert.Contains("MaxTokens", error.Message);
    }
}
