using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using OpenAI;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// The configured chat model behind Semantic Kernel: the one place that picks the connector (OpenAI or Azure OpenAI,
/// as <see cref="IChatCompletionService"/>), builds its HTTP pipeline (<see cref="ModelResilience"/>; the SDK's
/// own retries are off) and runs the prompt functions of <see cref="PromptLibrary"/>.
/// </summary>
public sealed class GenerativeModel : IDisposable
{
    private const string OpenAIKeyPlaceholder = "no-key";

    private readonly HttpClient _http;

    private GenerativeModel(AiOptions options, Kernel kernel, PromptLibrary prompts, HttpClient http, PromptTokenizer tokenizer)
    {
        Options = options;
        Kernel = kernel;
        Prompts = prompts;
        _http = http;
        Tokenizer = tokenizer;
    }

    public AiOptions Options { get; }

    public Kernel Kernel { get; }

    public PromptLibrary Prompts { get; }

    public PromptTokenizer Tokenizer { get; }

    /// <summary>The remote embedding generator when <c>AI:EmbeddingModel</c> is set, else null.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings =>
        string.IsNullOrWhiteSpace(Options.EmbeddingModel) ? null : Kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

    /// <summary>
    /// Builds the model from validated settings; <paramref name="baseDirectory"/> resolves a relative prompts folder.
    /// Throws <see cref="AiConfigurationException"/> naming the setting at fault.
    /// </summary>
    public static GenerativeModel Create(AiOptions options, string baseDirectory, ILoggerFactory? loggers = null)
    {
        options.Validate();
        if (!options.Enabled)
        {
            throw new AiConfigurationException("AI:Provider is None: there is no generative model to create.");
        }

        loggers ??= NullLoggerFactory.Instance;
        var http = new HttpClient(ModelResilience.CreateHandler(options, loggers.CreateLogger(typeof(ModelResilience)))) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            var builder = Kernel.CreateBuilder();
            builder.Services.AddSingleton(loggers);
            AddConnectors(builder, options, http);
            var kernel = builder.Build();
            var prompts = PromptLibrary.Load(kernel, options.PromptsPath(baseDirectory));
            return new GenerativeModel(options, kernel, prompts, http, PromptTokenizer.For(options.Tokenizer, options.ChatModel));
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Runs a prompt function and returns the model's whole reply.</summary>
    public async Task<string> InvokeAsync(string function, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var result = await Kernel.InvokeAsync(Prompts[function], arguments, cancellationToken).ConfigureAwait(false);
        return result.GetValue<string>() ?? "";
    }

    /// <summary>Runs a prompt function, streaming the reply as it is written.</summary>
    public async IAsyncEnumerable<string> StreamAsync(string function, KernelArguments arguments, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in Kernel.InvokeStreamingAsync<StreamingChatMessageContent>(Prompts[function], arguments, cancellationToken).ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(update.Content))
            {
                yield return update.Content;
            }
        }
    }

    public void Dispose() => _http.Dispose();

#pragma warning disable SKEXP0010 // The embedding generator registrations are marked experimental in Semantic Kernel 1.82.
    private static void AddConnectors(IKernelBuilder builder, AiOptions options, HttpClient http)
    {
        var embeddingModel = string.IsNullOrWhiteSpace(options.EmbeddingModel) ? null : options.EmbeddingModel.Trim();
        int? dimensions = options.EmbeddingDimensions > 0 ? options.EmbeddingDimensions : null;
        var chatModel = options.ChatModel!.Trim();
        if (options.Provider == AiProvider.AzureOpenAI)
        {
            var azureOptions = Pipeline(new AzureOpenAIClientOptions(), http);
            var client = string.IsNullOrWhiteSpace(options.ApiKey)
                ? new AzureOpenAIClient(options.EndpointUri!, new DefaultAzureCredential(), azureOptions)
                : new AzureOpenAIClient(options.EndpointUri!, new ApiKeyCredential(options.ApiKey.Trim()), azureOptions);
            builder.AddAzureOpenAIChatCompletion(chatModel, client);
            if (embeddingModel is not null)
            {
                builder.AddAzureOpenAIEmbeddingGenerator(embeddingModel, client, dimensions: dimensions);
            }

            return;
        }

        var openAIOptions = Pipeline(new OpenAIClientOptions(), http);
        if (options.EndpointUri is { } endpoint)
        {
            openAIOptions.Endpoint = endpoint;
        }

        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? OpenAIKeyPlaceholder : options.ApiKey.Trim();
        var openAI = new OpenAIClient(new ApiKeyCredential(key), openAIOptions);
        builder.AddOpenAIChatCompletion(chatModel, openAI);
        if (embeddingModel is not null)
        {
            builder.AddOpenAIEmbeddingGenerator(embeddingModel, openAI, dimensions);
        }
    }

#pragma warning restore SKEXP0010

    private static T Pipeline<T>(T clientOptions, HttpClient http)
        where T : ClientPipelineOptions
    {
        clientOptions.Transport = new HttpClientPipelineTransport(http);
        clientOptions.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        clientOptions.NetworkTimeout = Timeout.InfiniteTimeSpan;
        return clientOptions;
    }
}
