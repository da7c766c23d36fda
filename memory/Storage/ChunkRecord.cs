using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Storage;

/// <summary>A stored chunk: its store-wide id, its document, its number in that document and its exact range.</summary>
public sealed record ChunkRecord(long Id, string DocumentId, int Number, TextSpan Span, string Text, int TokenCount);
