using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Generation;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BriefingBot.Memory;

/// <summary>
/// The memory with its answering put together from the settings: with <c>AI:Provider</c> None, extractive answers
/// and the heuristic follow-up rewriter; with a provider, generative answers (falling back to extractive ones), the
/// model's follow-up rewriting and suggestions, written briefings, and, with <c>AI:EmbeddingModel</c>, the provider's
/// embeddings. Front ends take <see cref="Answerer"/> for single questions, <see cref="Conversations"/> for
/// conversations and <see cref="Briefings"/> for briefings.
/// </summary>
public sealed class BriefingAnswering : IDisposable
{
    private bool _ownsMemory;

    private BriefingAnswering(BriefingMemory memory, IQuestionAnswerer answerer, ConversationService conversations, GenerativeModel? model, BriefingBuilder briefings)
    {
        Memory = memory;
        Answerer = answerer;
        Conversations = conversations;
        Model = model;
        Briefings = briefings;
    }

    public BriefingMemory Memory { get; }

    public IQuestionAnswerer Answerer { get; }

    public ConversationService Conversations { get; }

    /// <summary>
    /// Briefings with the <c>Memory:Briefing</c> settings: extractive, and with a provider the key points rewritten as
    /// prose and open questions added (<see cref="GenerativeBriefingWriter"/>), both checked against their passages.
    /// </summary>
    public BriefingBuilder Briefings { get; }

    /// <summary>The generative model, or null with <c>AI:Provider</c> None.</summary>
    public GenerativeModel? Model { get; }

    /// <summary>
    /// Validates the AI settings (throwing <see cref="AiConfigurationException"/> naming the setting), loads the local
    /// model, opens the memory and composes the answering. <paramref name="baseDirectory"/> resolves the prompts folder.
    /// Disposing it disposes everything it opened. The stores come from <paramref name="storage"/> (which the caller
    /// owns), or without it from a backend of the memory's own.
    /// </summary>
    public static async Task<BriefingAnswering> OpenAsync(
        MemoryOptions memoryOptions, AiOptions ai, string baseDirectory, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default,
        StorageBackend? storage = null)
    {
        var opened = await OpenPartsAsync(memoryOptions, ai, baseDirectory, loggers, storage, cancellationToken).ConfigureAwait(false);
        try
        {
            var grounding = opened.Local;
            if (opened.Model is not null)
            {
                var profile = EmbeddingModelProfile.FromName(ai.GroundingModel);
                if (profile != opened.Local.Profile)
                {
                    grounding = new OnnxEmbeddingGenerator(profile, memoryOptions.EmbeddingThreads);
                    opened.Memory.Owning([grounding]);
                }
            }

            var answering = Create(opened.Memory, memoryOptions, opened.Model, grounding, loggers);
            answering._ownsMemory = true;
            return answering;
        }
        catch
        {
            opened.Memory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens only the memory, with the embedder the settings name (the provider's with <c>AI:EmbeddingModel</c>, else
    /// the local model): for ingesting, listing and searching. Disposing the memory disposes what was opened for it.
    /// </summary>
    public static async Task<BriefingMemory> OpenMemoryAsync(
        MemoryOptions memoryOptions, AiOptions ai, string baseDirectory, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(ai.EmbeddingModel))
        {
            ai.Validate();
            return await BriefingMemory.OpenAsync(memoryOptions, cancellationToken).ConfigureAwait(false);
        }

        return (await OpenPartsAsync(memoryOptions, ai, baseDirectory, loggers, null, cancellationToken).ConfigureAwait(false)).Memory;
    }

    /// <summary>Composes the answering over an open memory the caller owns (as are the model and the grounding model).</summary>
    public static BriefingAnswering Create(
        BriefingMemory memory,
        MemoryOptions memoryOptions,
        GenerativeModel? model,
        IEmbeddingGenerator<string, Embedding<float>> groundingEmbedder,
        ILoggerFactory? loggers = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        IQuestionAnswerer answerer = new InstrumentedQuestionAnswerer(model is null
            ? new ExtractiveQuestionAnswerer(memory)
            : new GenerativeAnswerer(memory, memoryOptions.Answer, model, groundingEmbedder, loggers.CreateLogger<GenerativeAnswerer>()));
        IQuestionRewriter rewriter = model is null
            ? new HeuristicQuestionRewriter()
            : new ModelQuestionRewriter(model, loggers.CreateLogger<ModelQuestionRewriter>());
        var suggester = model is { Options.FollowUpSuggestions: true } ? new FollowUpSuggester(model, loggers.CreateLogger<FollowUpSuggester>()) : null;
        var conversations = new ConversationService(memory.Storage.CreateConversationStore(), answerer, rewriter, memoryOptions.Conversation, suggester,
            answerable: async (question, filter, alreadySaid, cancellationToken) =>
                !(await memory.AskAsync(question, filter, cancellationToken, alreadySaid).ConfigureAwait(false)).NoResult);
        var writer = model is null ? null : new GenerativeBriefingWriter(model, groundingEmbedder, loggers.CreateLogger<GenerativeBriefingWriter>());
        var briefings = new BriefingBuilder(memory, memoryOptions.Briefing, writer);
        return new BriefingAnswering(memory, answerer, conversations, model, briefings);
    }

    /// <summary>When opened by <see cref="OpenAsync"/>, disposes the memory and the models opened with it.</summary>
    public void Dispose()
    {
        if (_ownsMemory)
        {
            Memory.Dispose();
        }
    }

    /// <summary>The memory (owning the local model and the generative model), and those two.</summary>
    private static async Task<(BriefingMemory Memory, OnnxEmbeddingGenerator Local, GenerativeModel? Model)> OpenPartsAsync(
        MemoryOptions memoryOptions, AiOptions ai, string baseDirectory, ILoggerFactory? loggers, StorageBackend? storage, CancellationToken cancellationToken)
    {
        ai.Validate();
        memoryOptions.Conversation.Validate();
        var owned = new List<IDisposable>();
        try
        {
            var local = new OnnxEmbeddingGenerator(EmbeddingModelProfile.FromName(memoryOptions.EmbeddingModel), memoryOptions.EmbeddingThreads);
            owned.Add(local);
            var model = ai.Enabled ? GenerativeModel.Create(ai, baseDirectory, loggers) : null;
            if (model is not null)
            {
                owned.Add(model);
            }

            BriefingMemory memory;
            if (model?.Embeddings is { } embeddings)
            {
                var remote = new RemoteEmbeddingGenerator(embeddings, ai.EmbeddingModel!.Trim());
                var dimensions = ai.EmbeddingDimensions > 0 ? ai.EmbeddingDimensions : await remote.ProbeDimensionsAsync(cancellationToken).ConfigureAwait(false);
                memory = await BriefingMemory.OpenAsync(memoryOptions, remote, remote.ModelId, dimensions, local, cancellationToken, storage).ConfigureAwait(false);
            }
            else
            {
                memory = await BriefingMemory.OpenAsync(memoryOptions, local, local.Profile.Id, local.Profile.Dimensions, local, cancellationToken, storage).ConfigureAwait(false);
            }

            memory.Owning(owned);
            return (memory, local, model);
        }
        catch
        {
            owned.Reverse();
            owned.ForEach(o => o.Dispose());
            throw;
        }
    }

}
