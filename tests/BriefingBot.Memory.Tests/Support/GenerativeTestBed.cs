using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Generation;
using BriefingBot.Memory.Ingestion;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Memory.Tests.Support;

/// <summary>
/// A real memory holding the sample briefing, a scripted OpenAI-compatible server on loopback, and the real
/// Semantic Kernel model and generative answerer pointed at it.
/// </summary>
public sealed class GenerativeTestBed : IAsyncDisposable
{
    public const string ChatModel = "briefing-chat";

    private static readonly Lazy<OnnxEmbeddingGenerator> SharedGroundingEmbedder = new(() => new OnnxEmbeddingGenerator(EmbeddingModelProfile.MiniLM));

    private GenerativeTestBed(TestMemory test, ScriptedModelServer server, AiOptions options, GenerativeModel model, ListLoggerFactory logs, string documentId)
    {
        Test = test;
        Server = server;
        Options = options;
        Model = model;
        Logs = logs;
        DocumentId = documentId;
        Answerer = new GenerativeAnswerer(test.Memory, test.Options.Answer, model, GroundingEmbedder, logs.CreateLogger<GenerativeAnswerer>());
    }

    /// <summary>The local model checking generated sentences (<c>AI:GroundingModel</c> default), loaded once per run.</summary>
    public static OnnxEmbeddingGenerator GroundingEmbedder => SharedGroundingEmbedder.Value;

    public TestMemory Test { get; }

    public BriefingMemory Memory => Test.Memory;

    public ScriptedModelServer Server { get; }

    public AiOptions Options { get; }

    public GenerativeModel Model { get; }

    public GenerativeAnswerer Answerer { get; }

    public ListLoggerFactory Logs { get; }

    /// <summary>The sample briefing's id in the memory.</summary>
    public string DocumentId { get; }

    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "samples", "us-russia-security-talks.md");

    public static AiOptions OptionsFor(ScriptedModelServer server) => new()
    {
        Provider = AiProvider.OpenAI,
        Endpoint = server.OpenAIEndpoint,
        ChatModel = ChatModel,
        RequestTimeoutSeconds = 10,
        AnswerTimeoutSeconds = 30,
        MaxRetries = 2,
        PromptsFolder = Path.Combine(AppContext.BaseDirectory, "prompts"),
    };

    public static async Task<GenerativeTestBed> CreateAsync(Action<AiOptions>? configure = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var server = new ScriptedModelServer();
        var test = await TestMemory.CreateAsync();
        var request = await IngestRequest.FromFileAsync(SamplePath, cancellationToken: ct);
        var result = await test.Memory.IngestAsync(request, ct);
        var options = OptionsFor(server);
        configure?.Invoke(options);
        var logs = new ListLoggerFactory();
        var model = GenerativeModel.Create(options, AppContext.BaseDirectory, logs);
        return new GenerativeTestBed(test, server, options, model, logs, result.DocumentId);
    }

    public async Task<string> DocumentTextAsync() =>
        (await Memory.Store.GetDocumentTextAsync(DocumentId, TestContext.Current.CancellationToken))!;

    /// <summary>The facts as the last answer prompt numbered them: number → passage text.</summary>
    public static IReadOnlyDictionary<int, string> FactsOf(RecordedRequest request)
    {
        var system = request.Messages.First(m => m.Role == "system").Content;
        var facts = new Dictionary<int, string>();
        foreach (var block in system.Split("\n\n["))
        {
            var text = block.StartsWith('[') ? block : "[" + block;
            var close = text.IndexOf(']');
            var newline = text.IndexOf('\n');
            if (close > 1 && newline > close && int.TryParse(text[1..close], out var n))
            {
                facts[n] = text[(newline + 1)..].Trim();
            }
        }

        return facts;
    }

    public async ValueTask DisposeAsync()
    {
        Model.Dispose();
        Test.Dispose();
        await Server.DisposeAsync();
    }
}
