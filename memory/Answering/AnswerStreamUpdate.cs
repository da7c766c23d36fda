namespace BriefingBot.Memory.Answering;

/// <summary>
/// One step of a streamed answer: a <see cref="Delta"/> of the text as the model writes it (provisional, with the
/// model's own markers), and last the checked <see cref="Final"/> answer, which replaces everything streamed before.
/// </summary>
public sealed record AnswerStreamUpdate
{
    public string? Delta { get; init; }

    public Answer? Final { get; init; }

    public bool IsFinal => Final is not null;

    public static AnswerStreamUpdate Text(string delta) => new() { Delta = delta };

    public static AnswerStreamUpdate Done(Answer answer) => new() { Final = answer };
}
