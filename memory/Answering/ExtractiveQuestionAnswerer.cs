using System.Runtime.CompilerServices;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Answering;

/// <summary>The memory's own extractive answers; streaming yields the whole answer as one step.</summary>
public sealed class ExtractiveQuestionAnswerer(BriefingMemory memory) : IQuestionAnswerer
{
    public string Mode => ExtractiveAnswerer.Mode;

    public Task<Answer> AskAsync(string question, MemoryFilter? filter = null, CancellationToken cancellationToken = default, IReadOnlySet<string>? alreadySaid = null) =>
        memory.AskAsync(question, filter, cancellationToken, alreadySaid);

    public async IAsyncEnumerable<AnswerStreamUpdate> AskStreamingAsync(
        string question, MemoryFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default, IReadOnlySet<string>? alreadySaid = null)
    {
        var answer = await memory.AskAsync(question, filter, cancellationToken, alreadySaid).ConfigureAwait(false);
        if (!answer.NoResult)
        {
            yield return AnswerStreamUpdate.Text(answer.Text);
        }

        yield return AnswerStreamUpdate.Done(answer);
    }
}
