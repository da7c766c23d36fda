using BriefingBot.Memory.Generation;

namespace BriefingBot.Memory.Tests.Generation;

public sealed class AiOptionsTests
{
    [Fact]
    public void Validate_DefaultNone_Passes()
    {
        var options = new AiOptions();

        options.Validate();

        Assert.False(options.Enabled);
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI, null, "gpt", null, "AI:Endpoint")]
    [InlineData(AiProvider.AzureOpenAI, "https://x.openai.azure.com/", null, null, "AI:ChatModel")]
    [InlineData(AiProvider.OpenAI, null, "gpt-4o-mini", null, "AI:ApiKey")]
    [InlineData(AiProvider.OpenAI, "not a url", "gpt-4o-mini", "k", "AI:Endpoint")]
    [InlineData(AiProvider.OpenAI, "ftp://host/v1", "gpt-4o-mini", "k", "AI:Endpoint")]
    public void Validate_MissingOrMalformedSetting_FailsNamingIt(AiProvider provider, string? endpoint, string? chatModel, string? key, string setting)
    {
        var options = new AiOptions { Provider = provider, Endpoint = endpoint, ChatModel = chatModel, ApiKey = key };

        var e = Assert.Throws<AiConfigurationException>(options.Validate);

        Assert.Contains(setting, e.Message);
    }

    [Fact]
    public void Problems_SeveralBadNumbers_ListsEachSetting()
    {
        var options = new AiOptions
        {
            Provider = AiProvider.OpenAI,
            Endpoint = "http://127.0.0.1:8080/v1",
            ChatModel = "local",
            RequestTimeoutSeconds = 0,
            MaxRetries = -1,
            ContextTokens = 100,
            Tokenizer = "p50k",
            GroundingModel = "bert",
        };

        var problems = string.Join("\n", options.Problems());

        foreach (var setting in new[] { "AI:RequestTimeoutSeconds", "AI:MaxRetries", "AI:ContextTokens", "AI:Tokenizer", "AI:GroundingModel" })
        {
            Assert.Contains(setting, problems);
        }
    }

    [Fact]
    public void Validate_EmbeddingModelWithoutProvider_FailsNamingBoth()
    {
        var e = Assert.Throws<AiConfigurationException>(new AiOptions { EmbeddingModel = "text-embedding-3-small" }.Validate);

        Assert.Contains("AI:EmbeddingModel", e.Message);
        Assert.Contains("AI:Provider", e.Message);
    }

    [Fact]
    public void Validate_LocalOpenAICompatibleServerWithoutKey_Passes()
    {
        new AiOptions { Provider = AiProvider.OpenAI, Endpoint = "http://127.0.0.1:11434/v1", ChatModel = "llama3.2" }.Validate();
    }

    [Fact]
    public void GenerativeModelCreate_AzureWithoutKey_UsesEntraIdWithoutFailing()
    {
        var options = new AiOptions
        {
            Provider = AiProvider.AzureOpenAI,
            Endpoint = "https://briefing.openai.azure.com/",
            ChatModel = "gpt-4o",
            PromptsFolder = Path.Combine(AppContext.BaseDirectory, "prompts"),
        };

        using var model = GenerativeModel.Create(options, AppContext.BaseDirectory);

        Assert.NotNull(model.Kernel.GetRequiredService<Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService>());
        Assert.Null(model.Embeddings);
    }
}
