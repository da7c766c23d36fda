namespace BriefingBot.Memory.Retrieval;

/// <summary>Retrieval settings (section <c>Memory:Search</c>).</summary>
public sealed class SearchOptions
{
    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;

    /// <summary>How the two rankings are combined. Default <c>Convex</c> (min–max normalised scores, weighted; see docs/EVALUATION.md).</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Convex;

    /// <summary>Candidates taken from each ranking before fusion. Default 60.</summary>
    public int Candidates { get; set; } = 60;

    /// <summary>The k of reciprocal rank fusion, 1/(k + rank). Default 60 (Cormack et al.).</summary>
    public int FusionK { get; set; } = 60;

    public float VectorWeight { get; set; } = 1f;

    public float KeywordWeight { get; set; } = 1f;

    /// <summary>A hit whose word overlap with a better hit is at least this is a near-duplicate and dropped. Default 0.8.</summary>
    public float DuplicateOverlap { get; set; } = 0.8f;

    /// <summary>
    /// The longest question (or search query) in characters that any front end accepts: the API, the CLI and chat.
    /// Default 2000.
    /// </summary>
    public int MaxQuestionCharacters { get; set; } = 2000;

    /// <summary>The most distinct words of a question that the keyword search looks for; the rest are left out, so the work per question is bounded. Default 64.</summary>
    public int MaxQueryTerms { get; set; } = 64;

    /// <summary>Refuses settings that would leave a question unbounded or unanswerable.</summary>
    public void Validate()
    {
        if (MaxQuestionCharacters is < 10 or > 100_000)
        {
            throw new ArgumentException($"Memory:Search:MaxQuestionCharacters must be between 10 and 100000 (is {MaxQuestionCharacters}).");
        }

        if (MaxQueryTerms is < 1 or > 1000)
        {
            throw new ArgumentException($"Memory:Search:MaxQueryTerms must be between 1 and 1000 (is {MaxQueryTerms}).");
        }
    }

    /// <summary>Why a question cannot be asked (it is too long, and says the limit), or null when it can.</summary>
    public string? QuestionProblem(string question) => question.Length > MaxQuestionCharacters
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The question is {question.Length:N0} characters long; at most {MaxQuestionCharacters:N0} characters are accepted.")
        : null;

    /// <summary>The keyword terms searched for: the question's distinct content words, at most <see cref="MaxQueryTerms"/>.</summary>
    public IReadOnlyList<string> KeywordTerms(string query) =>
        Language.QueryTerms.ContentWords(query).Take(MaxQueryTerms).ToList();
}
