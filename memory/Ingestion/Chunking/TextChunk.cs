using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Ingestion.Chunking;

/// <summary>A passage of a document: its number, its exact range in the normalised text and its token count.</summary>
public sealed record TextChunk(int Number, TextSpan Span, string Text, int TokenCount);
