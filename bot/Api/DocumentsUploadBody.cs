namespace BriefingBot.Bot.Api;

/// <summary><c>POST /api/documents</c> as JSON: one or more text documents.</summary>
public sealed record DocumentsUploadBody(List<DocumentUpload>? Documents);
