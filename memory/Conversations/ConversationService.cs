using System.Runtime.CompilerServices;
using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Conversations;

/// <summary>
/// Conversations over the memory, for every front end (Teams, Web Chat, the CLI's <c>chat</c>): each question is made
/// standalone from the recent turns, answered (extractively or by the model), and stored as a turn, so a conversation
/// survives a restart. Only the newest <see cref="ConversationOptions.MaxTurns"/> turns are kept. "Tell me more"
/// (<see cref="ContinuationRequest"/>) asks the last turn's question again without the sentences already quoted for it.
/// With an <see cref="AnswerableCheck"/>, the suggested follow-ups are only questions the memory can answer, and the
/// reply says whether there is more to tell.
/// </summary>
public sealed class ConversationService
{
    /// <summary>Whether the memory answers <c>question</c> (without quoting <c>alreadySaid</c> again), cheaply.</summary>
    public delegate Task<bool> AnswerableCheck(string question, MemoryFilter? filter, IReadOnlySet<string>? alreadySaid, CancellationToken cancellationToken);

    /// <summary>The answer to "tell me more" when everything found about the topic has been said.</summary>
    public const string NothingMoreText = "That is all I found in the briefings about it.";

    private readonly IConversationStore _store;
    private readonly IQuestionAnswerer _answerer;
    private readonly IQuestionRewriter _rewriter;
    private readonly FollowUpSuggester? _suggester;
    private readonly ConversationOptions _options;
    private readonly TimeProvider _time;
    private readonly AnswerableCheck? _answerable;

    public ConversationService(
        IConversationStore store,
        IQuestionAnswerer answerer,
        IQuestionRewriter rewriter,
        ConversationOptions options,
        FollowUpSuggester? suggester = null,
        TimeProvider? time = null,
        AnswerableCheck? answerable = null)
    {
        options.Validate();
        _store = store;
        _answerer = answerer;
        _rewriter = rewriter;
        _options = options;
        _suggester = suggester;
        _time = time ?? TimeProvider.System;
        _answerable = answerable;
    }

    public async Task<ConversationReply> AskAsync(string conversationId, string question, MemoryFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ConversationReply? reply = null;
        await foreach (var update in AskCoreAsync(conversationId, question, filter, streaming: false, cancellationToken).ConfigureAwait(false))
        {
            reply = update.Final ?? reply;
        }

        return reply!;
    }

    /// <summary>The answer as it is written (deltas), then the final reply, stored as the conversation's next turn.</summary>
    public IAsyncEnumerable<ConversationUpdate> AskStreamingAsync(
        string conversationId, string question, MemoryFilter? filter = null, CancellationToken cancellationToken = default) =>
        AskCoreAsync(conversationId, question, filter, streaming: true, cancellationToken);

    /// <summary>Forgets the conversation; its next question starts afresh.</summary>
    public Task<int> ResetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        CheckId(conversationId);
        return _store.ResetAsync(conversationId, cancellationToken);
    }

    /// <summary>The kept turns, oldest first.</summary>
    public Task<IReadOnlyList<ConversationTurn>> HistoryAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        CheckId(conversationId);
        return _store.RecentAsync(conversationId, _options.MaxTurns, cancellationToken);
    }

    private async IAsyncEnumerable<ConversationUpdate> AskCoreAsync(
        string conversationId, string question, MemoryFilter? filter, bool streaming, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CheckId(conversationId);
        question = (question ?? "").Trim();
        var more = ContinuationRequest.IsMore(question);
        var recent = await _store.RecentAsync(conversationId, more ? _options.MaxTurns : _options.ContextTurns, cancellationToken).ConfigureAwait(false);
        string standalone;
        IReadOnlySet<string>? alreadySaid = null;
        if (more && recent.Count > 0)
        {
            standalone = recent[^1].StandaloneQuestion;
            alreadySaid = recent.Reverse().TakeWhile(t => t.StandaloneQuestion == standalone)
                .SelectMany(t => ContinuationRequest.Quoted(t.Answer)).ToHashSet(StringComparer.Ordinal);
        }
        else
        {
            standalone = question.Length == 0 ? question : await _rewriter.RewriteAsync(question, recent.TakeLast(_options.ContextTurns).ToList(), cancellationToken).ConfigureAwait(false);
        }

        Answer? answer = null;
        if (streaming)
        {
            await foreach (var update in _answerer.AskStreamingAsync(standalone, filter, cancellationToken, alreadySaid).ConfigureAwait(false))
            {
                if (update.Final is { } final)
                {
                    answer = final;
                }
                else if (update.Delta is { } delta)
                {
                    yield return new ConversationUpdate { Delta = delta };
                }
            }
        }
        else
        {
            answer = await _answerer.AskAsync(standalone, filter, cancellationToken, alreadySaid).ConfigureAwait(false);
        }

        answer = answer! with { Question = question };
        if (alreadySaid is { Count: > 0 } && answer.NoResult)
        {
            answer = answer with { Text = NothingMoreText };
        }

        var suggestions = _suggester is null ? [] : await _suggester.SuggestAsync(answer with { Question = standalone }, cancellationToken).ConfigureAwait(false);
        suggestions = await AnswerableAsync(suggestions, filter, cancellationToken).ConfigureAwait(false);
        var canContinue = !answer.NoResult && _answerable is not null && await _answerable(
            standalone, filter, (alreadySaid ?? new HashSet<string>()).Concat(ContinuationRequest.Quoted(answer.Text)).ToHashSet(StringComparer.Ordinal),
            cancellationToken).ConfigureAwait(false);
        var turn = question.Length == 0
            ? null
            : await _store.AppendAsync(new ConversationTurn
            {
                ConversationId = conversationId,
                Number = 0,
                Question = question,
                StandaloneQuestion = standalone,
                Answer = answer.Text,
                NoResult = answer.NoResult,
                Mode = answer.Mode,
                Created = _time.GetUtcNow(),
            }, _options.MaxTurns, cancellationToken).ConfigureAwait(false);
        yield return new ConversationUpdate
        {
            Final = new ConversationReply
            {
                ConversationId = conversationId,
                Turn = turn?.Number ?? 0,
                StandaloneQuestion = standalone,
                Answer = answer,
                Suggestions = suggestions,
                CanContinue = canContinue,
            },
        };
    }

    /// <summary>The questions the memory can answer, in order; all of them when there is no check.</summary>
    public async Task<IReadOnlyList<string>> AnswerableAsync(IReadOnlyList<string> questions, MemoryFilter? filter, CancellationToken cancellationToken)
    {
        if (_answerable is null)
        {
            return questions;
        }

        var answerable = new List<string>();
        foreach (var question in questions)
        {
            if (await _answerable(question, filter, null, cancellationToken).ConfigureAwait(false))
            {
                answerable.Add(question);
            }
        }

        return answerable;
    }

    private void CheckId(string conversationId)
    {
        if (string.IsNullOrWhiteSpace(conversationId))
        {
            throw new ArgumentException("A conversation id is required.", nameof(conversationId));
        }

        if (conversationId.Length > _options.MaxIdLength)
        {
            throw new ArgumentException($"A conversation id has at most {_options.MaxIdLength} characters (got {conversationId.Length}).", nameof(conversationId));
        }
    }
}
