using System.Runtime.CompilerServices;
using System.Text;
using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// Written answers grounded in the memory:
/// <list type="number">
/// <item>retrieve as the extractive path does, and number the passages as facts, best first, as many as fit the
/// model's context (counted with the model's tokenizer);</item>
/// <item>ask the model (prompt <c>GroundedAnswer</c>) to answer only from the facts, citing <c>[n]</c>;</item>
/// <item>parse the markers, check each sentence against its passages (<see cref="GroundingChecker"/>), drop or flag
/// the unsupported, keep and renumber the cited facts (<see cref="GeneratedAnswerComposer"/>);</item>
/// <item>a reply with no supported, cited sentence — the not-found sentence, a refusal in the model's own words, or
/// claims the passages do not hold — is <c>NoResult</c>; only a failing model (unreachable, time-out, retries
/// exhausted, error) falls back, logged, to the extractive answer, which applies its own answerability rule.</item>
/// </list>
/// </summary>
public sealed class GenerativeAnswerer : IQuestionAnswerer
{
    private const int SafetyTokens = 64;

    private readonly BriefingMemory _memory;
    private readonly AnswerOptions _answerOptions;
    private readonly GenerativeModel _model;
    private readonly GroundingChecker _grounding;
    private readonly ExtractiveAnswerer _extractive;
    private readonly ILogger _logger;

    public GenerativeAnswerer(
        BriefingMemory memory,
        AnswerOptions answerOptions,
        GenerativeModel model,
        IEmbeddingGenerator<string, Embedding<float>> groundingEmbedder,
        ILogger<GenerativeAnswerer>? logger = null)
    {
        _memory = memory;
        _answerOptions = answerOptions;
        _model = model;
        _grounding = new GroundingChecker(groundingEmbedder, model.Options);
        _extractive = new ExtractiveAnswerer(memory.Store, memory.Embedder, answerOptions);
        _logger = logger ?? NullLogger<GenerativeAnswerer>.Instance;
    }

    public string Mode => GeneratedAnswerComposer.Mode;

    /// <remarks>The model is asked the question itself; <paramref name="alreadySaid"/> applies to the extractive fallback.</remarks>
    public async Task<Answer> AskAsync(string question, MemoryFilter? filter = null, CancellationToken cancellationToken = default, IReadOnlySet<string>? alreadySaid = null)
    {
        Answer? final = null;
        await foreach (var update in AskCoreAsync(question, filter, streaming: false, alreadySaid, cancellationToken).ConfigureAwait(false))
        {
            final = update.Final ?? final;
        }

        return final!;
    }

    public IAsyncEnumerable<AnswerStreamUpdate> AskStreamingAsync(string question, MemoryFilter? filter = null, CancellationToken cancellationToken = default, IReadOnlySet<string>? alreadySaid = null) =>
        AskCoreAsync(question, filter, streaming: true, alreadySaid, cancellationToken);

    private async IAsyncEnumerable<AnswerStreamUpdate> AskCoreAsync(
        string question, MemoryFilter? filter, bool streaming, IReadOnlySet<string>? alreadySaid, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            yield return AnswerStreamUpdate.Done(Answer.NotFound(question, _answerOptions.NotFoundText, "No question provided", Mode));
            yield break;
        }

        var search = await _memory.SearchAsync(
            new SearchRequest { Query = question, Filter = filter ?? MemoryFilter.None, Limit = _answerOptions.Passages },
            cancellationToken).ConfigureAwait(false);
        if (search.Hits.Count == 0)
        {
            yield return AnswerStreamUpdate.Done(Answer.NotFound(question, _answerOptions.NotFoundText, "No relevant memories available", Mode));
            yield break;
        }

        var focus = QuestionAnalysis.Analyze(question);
        var absent = await Answerability.AbsentEntitiesAsync(_memory.Store, focus, cancellationToken).ConfigureAwait(false);
        var retrieval = await _extractive.RetrievalSignalsAsync(question, search, cancellationToken).ConfigureAwait(false);
        var confidence = ConfidenceModel.Probability(retrieval);
        var declining = ConfidenceModel.Declining(retrieval);
        if (Answerability.IsUnanswerable(focus, absent))
        {
            yield return AnswerStreamUpdate.Done(Answerability.NotMentioned(question, absent, _answerOptions, Mode) with { Confidence = declining });
            yield break;
        }

        var facts = FactSheet.Build(search.Hits, _model.Tokenizer, FactBudget(question));
        var arguments = PromptArguments.GroundedAnswer(question, facts.Text, _answerOptions.NotFoundText);
        var reply = new StringBuilder();
        string? failure = null;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(_model.Options.AnswerTimeout);
            if (streaming)
            {
                var updates = _model.StreamAsync(PromptNames.GroundedAnswer, arguments, deadline.Token).GetAsyncEnumerator(deadline.Token);
                try
                {
                    while (true)
                    {
                        string delta;
                        try
                        {
                            if (!await updates.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }

                            delta = updates.Current;
                        }
                        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                        {
                            failure = Describe(e, deadline.IsCancellationRequested);
                            break;
                        }

                        reply.Append(delta);
                        yield return AnswerStreamUpdate.Text(delta);
                    }
                }
                finally
                {
                    await updates.DisposeAsync().ConfigureAwait(false);
                }
            }
            else
            {
                try
                {
                    reply.Append(await _model.InvokeAsync(PromptNames.GroundedAnswer, arguments, deadline.Token).ConfigureAwait(false));
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = Describe(e, deadline.IsCancellationRequested);
                }
            }
        }

        if (failure is not null)
        {
            _logger.LogWarning("The generative answer failed ({Failure}); answering extractively instead", failure);
            yield return AnswerStreamUpdate.Done(await _extractive.AnswerAsync(question, search, cancellationToken, alreadySaid).ConfigureAwait(false));
            yield break;
        }

        var answer = await FinishAsync(question, reply.ToString(), facts, cancellationToken).ConfigureAwait(false);
        yield return AnswerStreamUpdate.Done(answer with { Confidence = answer.NoResult ? declining : confidence });
    }

    /// <summary>
    /// Checks and composes the model's reply. A reply with no supported, cited sentence is a not-found whatever its
    /// words (the model's own reason kept as <see cref="Answer.NoResultReason"/>), never replaced by quotes.
    /// </summary>
    private async Task<Answer> FinishAsync(string question, string reply, FactSheet facts, CancellationToken cancellationToken)
    {
        var focus = QuestionAnalysis.Analyze(question);
        var drafts = CitationMarkers.Parse(reply, facts.Facts.Count);
        var refusals = drafts.Where(d => NotFoundReply.IsRefusal(d, _answerOptions.NotFoundText)).ToList();
        var claims = drafts.Except(refusals).ToList();
        string? verdict = null;
        if (focus.Type == AnswerType.YesNo && claims.Count > 0)
        {
            (verdict, var rest) = GeneratedAnswerComposer.SplitVerdict(claims[0].Text);
            if (rest.Length == 0)
            {
                claims.RemoveAt(0);
            }
            else
            {
                claims[0] = claims[0] with { Text = rest };
            }
        }

        if (claims.Count == 0)
        {
            var reason = refusals.Count > 0 ? "The model: " + string.Join(" ", refusals.Select(r => r.Text)) : "The model gave no answer";
            return Answer.NotFound(question, _answerOptions.NotFoundText, reason, Mode);
        }

        var checkedSentences = await _grounding.CheckAsync(claims, facts.Facts, cancellationToken).ConfigureAwait(false);
        var removed = checkedSentences.Count(s => !s.IsSupported);
        if (removed > 0)
        {
            _logger.LogInformation(
                "{Count} of {Total} generated sentence(s) not supported by their passages ({Handling})",
                removed, checkedSentences.Count, _model.Options.UnsupportedSentences);
        }

        var answer = GeneratedAnswerComposer.Compose(
            question, checkedSentences, _model.Options.UnsupportedSentences, focus.Type == AnswerType.YesNo, verdict);
        if (answer is not null)
        {
            return answer with { Missing = refusals.Select(r => r.Text).ToList() };
        }

        _logger.LogWarning("No sentence of the generated answer is supported by the passages; answering that the sources do not say");
        return Answer.NotFound(question, _answerOptions.NotFoundText, "No sentence of the model's answer is supported by the passages it cites", Mode);
    }

    /// <summary>Tokens left for the facts: the context less the prompt, the question and the longest answer.</summary>
    private int FactBudget(string question)
    {
        var tokenizer = _model.Tokenizer;
        var fixedTokens = tokenizer.CountTokens(_model.Prompts.Template(PromptNames.GroundedAnswer))
            + tokenizer.CountTokens(question)
            + tokenizer.CountTokens(_answerOptions.NotFoundText);
        var output = _model.Prompts.MaxOutputTokens(PromptNames.GroundedAnswer, 1024);
        return Math.Max(0, _model.Options.ContextTokens - fixedTokens - output - SafetyTokens);
    }

    private string Describe(Exception e, bool timedOut) =>
        timedOut && e is OperationCanceledException
            ? $"no complete answer within AI:AnswerTimeoutSeconds = {_model.Options.AnswerTimeoutSeconds} s"
            : $"{e.GetType().Name}: {FirstLine(e.Message)}";

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
