namespace BriefingBot.Memory.Generation;

/// <summary>
/// The generative model's settings (section <c>AI</c>). With <see cref="Provider"/> <c>None</c> (the default) nothing
/// else is read and answers stay extractive. The key comes from the environment (<c>AI__ApiKey</c>) or user secrets,
/// never from appsettings.json; for Azure without a key, Entra ID (<c>DefaultAzureCredential</c>) is used.
/// </summary>
public sealed class AiOptions
{
    public const string SectionName = "AI";

    public static readonly string[] Tokenizers = ["o200k_base", "cl100k_base"];

    public AiProvider Provider { get; set; } = AiProvider.None;

    /// <summary>Azure: the resource URL. OpenAI: the base URL of an OpenAI-compatible API (empty: api.openai.com).</summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The chat model (OpenAI) or deployment name (Azure).</summary>
    public string? ChatModel { get; set; }

    /// <summary>The embedding model or deployment; empty keeps the local model.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>Dimensions requested of the remote embedding model; 0 keeps the model's own.</summary>
    public int EmbeddingDimensions { get; set; }

    /// <summary>Longest wait for one HTTP request's response headers, in seconds. Default 30.</summary>
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Longest time for a whole answer (retries and streaming included), in seconds. Default 120.</summary>
    public double AnswerTimeoutSeconds { get; set; } = 120;

    /// <summary>Retries after 429 (honouring <c>Retry-After</c>), 5xx and time-outs. Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>A <c>Retry-After</c> longer than this, in seconds, is not waited for: the request fails. Default 30.</summary>
    public double MaxRetryDelaySeconds { get; set; } = 30;

    /// <summary>The model's context window in tokens: prompt, facts and answer together. Default 16384.</summary>
    public int ContextTokens { get; set; } = 16384;

    /// <summary>Tokenizer used to fit the facts: <c>o200k_base</c> or <c>cl100k_base</c>; empty picks by model name.</summary>
    public string? Tokenizer { get; set; }

    /// <summary>The prompt templates' folder; relative paths are taken from the application's folder. Default <c>prompts</c>.</summary>
    public string PromptsFolder { get; set; } = "prompts";

    public UnsupportedSentences UnsupportedSentences { get; set; } = UnsupportedSentences.Remove;

    /// <summary>Share of a sentence's content words its passage must contain to support it. Default 0.5.</summary>
    public float MinLexicalSupport { get; set; } = 0.5f;

    /// <summary>
    /// The local model that checks generated sentences against their passages: <c>MiniLM</c> (default; trained for
    /// sentence similarity, it separates supported from unsupported sentences far better than the retrieval model) or
    /// <c>ArcticXs</c>.
    /// </summary>
    public string GroundingModel { get; set; } = "MiniLM";

    /// <summary>
    /// Least cosine similarity, by <see cref="GroundingModel"/>, of a sentence to its passage or one of the passage's
    /// sentences. Default 0.55, for MiniLM (ArcticXs scores everything above 0.8; it would need about 0.9).
    /// </summary>
    public float MinSemanticSupport { get; set; } = 0.55f;

    /// <summary>Suggest three follow-up questions after each conversational answer. Default true.</summary>
    public bool FollowUpSuggestions { get; set; } = true;

    public bool Enabled => Provider != AiProvider.None;

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    public TimeSpan AnswerTimeout => TimeSpan.FromSeconds(AnswerTimeoutSeconds);

    public TimeSpan MaxRetryDelay => TimeSpan.FromSeconds(MaxRetryDelaySeconds);

    public Uri? EndpointUri => string.IsNullOrWhiteSpace(Endpoint) ? null : new Uri(Endpoint.Trim(), UriKind.Absolute);

    /// <summary>Every problem with the settings, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Provider))
        {
            problems.Add($"AI:Provider must be None, AzureOpenAI or OpenAI (got '{Provider}').");
            return problems;
        }

        if (Provider == AiProvider.None)
        {
            if (!string.IsNullOrWhiteSpace(EmbeddingModel))
            {
                problems.Add("AI:EmbeddingModel is set but AI:Provider is None; set AI:Provider, or clear AI:EmbeddingModel to keep the local model.");
            }

            return problems;
        }

        var endpointValid = string.IsNullOrWhiteSpace(Endpoint)
            || (Uri.TryCreate(Endpoint.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
        if (!endpointValid)
        {
            problems.Add($"AI:Endpoint must be an absolute http(s) URL (got '{Endpoint}').");
        }

        if (Provider == AiProvider.AzureOpenAI && string.IsNullOrWhiteSpace(Endpoint))
        {
            problems.Add("AI:Endpoint is required for AzureOpenAI: the resource URL, e.g. https://NAME.openai.azure.com/.");
        }

        if (Provider == AiProvider.OpenAI && string.IsNullOrWhiteSpace(Endpoint) && string.IsNullOrWhiteSpace(ApiKey))
        {
            problems.Add("AI:ApiKey is required for api.openai.com: set the environment variable AI__ApiKey or the user secret AI:ApiKey.");
        }

        if (string.IsNullOrWhiteSpace(ChatModel))
        {
            problems.Add(Provider == AiProvider.AzureOpenAI
                ? "AI:ChatModel is required: the name of the chat deployment."
                : "AI:ChatModel is required: the chat model, e.g. gpt-4o-mini.");
        }

        Positive(problems, "AI:RequestTimeoutSeconds", RequestTimeoutSeconds);
        Positive(problems, "AI:AnswerTimeoutSeconds", AnswerTimeoutSeconds);
        Positive(problems, "AI:MaxRetryDelaySeconds", MaxRetryDelaySeconds);
        if (MaxRetries is < 0 or > 10)
        {
            problems.Add($"AI:MaxRetries must be between 0 and 10 (got {MaxRetries}).");
        }

        if (ContextTokens < 2048)
        {
            problems.Add($"AI:ContextTokens must be at least 2048 (got {ContextTokens}).");
        }

        if (EmbeddingDimensions < 0)
        {
            problems.Add($"AI:EmbeddingDimensions must be 0 (the model's own) or positive (got {EmbeddingDimensions}).");
        }

        if (!string.IsNullOrWhiteSpace(Tokenizer) && !Tokenizers.Contains(Tokenizer.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"AI:Tokenizer must be one of {string.Join(", ", Tokenizers)} or empty (got '{Tokenizer}').");
        }

        if (!Enum.IsDefined(UnsupportedSentences))
        {
            problems.Add($"AI:UnsupportedSentences must be Remove or Flag (got '{UnsupportedSentences}').");
        }

        if (MinLexicalSupport is < 0 or > 1)
        {
            problems.Add($"AI:MinLexicalSupport must be between 0 and 1 (got {MinLexicalSupport}).");
        }

        if (MinSemanticSupport is < -1 or > 1)
        {
            problems.Add($"AI:MinSemanticSupport must be between -1 and 1 (got {MinSemanticSupport}).");
        }

        if (!IsLocalModel(GroundingModel))
        {
            problems.Add($"AI:GroundingModel must be MiniLM or ArcticXs (got '{GroundingModel}').");
        }

        if (string.IsNullOrWhiteSpace(PromptsFolder))
        {
            problems.Add("AI:PromptsFolder must name the folder of the prompt templates.");
        }

        return problems;
    }

    /// <summary>Throws <see cref="AiConfigurationException"/> listing every problem, if any.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new AiConfigurationException("The AI settings are not usable:\n  " + string.Join("\n  ", problems));
        }
    }

    /// <summary>The prompts folder as an absolute path.</summary>
    public string PromptsPath(string baseDirectory) => Path.GetFullPath(Path.Combine(baseDirectory, PromptsFolder));

    private static bool IsLocalModel(string? name)
    {
        try
        {
            _ = Embedding.EmbeddingModelProfile.FromName(name ?? "");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Positive(List<string> problems, string name, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            problems.Add($"{name} must be a positive number of seconds (got {value}).");
        }
    }
}
