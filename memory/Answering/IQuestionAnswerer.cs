using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Answering;

/// <summary>Answers a standalone question from the memory: extractive, or generative when a model is configured.</summary>
public interface IQuestionAnswerer
{
    /// <summary><c>extractive</c> or <c>generative</c>: the mode of the answers when nothing fails.</summary>
    string Mode { get; }

    /// <param name="alreadySaid">Sentences not to quote again (normalised, <see cref="Conversations.ContinuationRequest.Normalize"/>): "tell me more" continues with the next-best ones.</param>
    Task<Answer> AskAsync(string question, MemoryFilter? filter = null, CancellationToken cancellationToken = default, IReadOnlySet<string>? alreadySaid = null);

    /// <summary>The answer as it is written: text deltas, then exactly one final checked answer.</summary>
    IAsyncEnumerable<AnswerStreamUpdate> AskStreamingAsync(string question, MemoryFilter? filter = null, CancellationToken cancellationToken = default, IReadOnlySet<string>? alreadySaid = null);
}
