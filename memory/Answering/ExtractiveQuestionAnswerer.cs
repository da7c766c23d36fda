using System.Runtime.CompilerServices;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Answering;

/// <summary>The memory's own extractive answers; streaming yields the whole answer as one step.</summary>
public sealed class ExtractiveQuestionAnswerer(BriefingMemory memory) : IQuestionAnswerer
{
    public string Mode => ExtractiveAnswerer.Mode;

    public Task<Answer> AskAsync(string question, MemoryFilter? filter = null, CancellationToken cancellationToken = default) =>
        memory.AskAsync(question, filter, cancellationToken);

    public async IAsyncEnumerable<AnswerStreamUpdate> AskStreamingAsync(
        string question, MemoryFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var answer = await memory.AskAsync(question, filter, cancellationToken).ConfigureAwait(false);
        if (!answer.NoResult)
        {
            yield return AnswerStreamUpdate.Text(answer.Text);
        }

        yield return AnswerStreamUpdate.Done(answer);
    }
}
