namespace BriefingBot.Evaluation.Data;

internal sealed record SciFactDocument(string Id, string Title, string Text);
