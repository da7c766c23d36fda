namespace BriefingBot.Memory.Generation;

/// <summary>Which generative model writes the answers (setting <c>AI:Provider</c>).</summary>
public enum AiProvider
{
    /// <summary>No model: answers are extractive (quoted sentences).</summary>
    None,

    /// <summary>An Azure OpenAI resource; <c>AI:ChatModel</c> names the deployment.</summary>
    AzureOpenAI,

    /// <summary>OpenAI or any OpenAI-compatible endpoint (Ollama, llama.cpp, vLLM) given by <c>AI:Endpoint</c>.</summary>
    OpenAI,
}
