using Microsoft.ML.Tokenizers;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// Counts tokens as the chat model will (tiktoken <c>o200k_base</c> for the GPT-4o family and later,
/// <c>cl100k_base</c> for GPT-4 and GPT-3.5), so that the facts fit the model's context window.
/// </summary>
public sealed class PromptTokenizer
{
    private readonly Tokenizer _tokenizer;

    private PromptTokenizer(Tokenizer tokenizer, string encoding)
    {
        _tokenizer = tokenizer;
        Encoding = encoding;
    }

    public string Encoding { get; }

    /// <summary>The named encoding, else the one the model is known to use, else <c>o200k_base</c>.</summary>
    public static PromptTokenizer For(string? encoding, string? model)
    {
        if (!string.IsNullOrWhiteSpace(encoding))
        {
            var name = encoding.Trim().ToLowerInvariant();
            return new PromptTokenizer(TiktokenTokenizer.CreateForEncoding(name), name);
        }

        if (!string.IsNullOrWhiteSpace(model))
        {
            try
            {
                var known = TiktokenTokenizer.CreateForModel(model.Trim());
                return new PromptTokenizer(known, model.Trim());
            }
            catch (NotSupportedException)
            {
                // An unknown name (an Azure deployment, a local model): the current encoding is the closest.
            }
        }

        return new PromptTokenizer(TiktokenTokenizer.CreateForEncoding("o200k_base"), "o200k_base");
    }

    public int CountTokens(string text) => _tokenizer.CountTokens(text);
}
