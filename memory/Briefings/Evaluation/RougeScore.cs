namespace BriefingBot.Memory.Briefings.Evaluation;

/// <summary>Precision, recall and F1 of one ROUGE measure.</summary>
public readonly record struct RougeScore(double Precision, double Recall, double F1)
{
    public static RougeScore From(double overlap, double candidate, double reference)
    {
        var precision = candidate == 0 ? 0 : overlap / candidate;
        var recall = reference == 0 ? 0 : overlap / reference;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new RougeScore(precision, recall, f1);
    }
}
