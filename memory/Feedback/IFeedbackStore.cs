namespace BriefingBot.Memory.Feedback;

/// <summary>Keeps the answers sent and the feedback users give on them.</summary>
public interface IFeedbackStore
{
    Task RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken);

    /// <summary>Stores the feedback beside the answer it rates; false when that answer is not known (yet).</summary>
    Task<bool> RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken);
}
