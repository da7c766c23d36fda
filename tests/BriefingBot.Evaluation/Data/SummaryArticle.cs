using BriefingBot.Memory.Language;

namespace BriefingBot.Evaluation.Data;

/// <summary>One article of the BBC summaries set with its reference (extractive) summary.</summary>
internal sealed record SummaryArticle(string Id, string Title, string Article, string Summary, int ReferenceSentences)
{
    public static IReadOnlyList<SummaryArticle> Load(Workspace workspace, int? count)
    {
        var path = workspace.Eval("bbc", "dev.jsonl");
        return Jsonl.Read(path).Select(record =>
        {
            string Field(string name) => record.String(name) ?? throw new ArgumentException($"{path}: a record lacks \"{name}\".");
            var summary = Field("summary");
            var sentences = record.TryGetProperty("summary_sentences", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array
                ? list.GetArrayLength()
                : 0;
            return new SummaryArticle(Field("id"), Field("title"), Field("article"), summary,
                sentences > 0 ? sentences : SentenceSplitter.Split(summary).Count);
        }).Subsample(count).ToList();
    }
}
