namespace BriefingBot.Memory.Jobs;

/// <summary>
/// A job to enqueue: its <paramref name="Kind"/> picks the handler, <paramref name="Payload"/> (JSON) says what to do,
/// and <paramref name="Content"/> holds the bytes it works on (an uploaded file), kept in the store so that any worker
/// can take the job and a restart loses nothing. <paramref name="Owner"/> names who asked (an API key's name), so only
/// they can read it back.
/// </summary>
public sealed record NewJob(string Kind, string Payload, byte[]? Content = null, int MaxAttempts = 3, string? Owner = null);
