using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Turns;

/// <summary>
/// The value of a Teams <c>message/submitAction</c> feedback invoke:
/// <c>{"actionName":"feedback","actionValue":{"reaction":"like"|"dislike","feedback":"{\"feedbackText\":\"…\"}"}}</c>.
/// </summary>
public sealed record FeedbackSubmission(string Reaction, string? Comment)
{
    public static bool TryRead(Activity activity, [NotNullWhen(true)] out FeedbackSubmission? submission, [NotNullWhen(false)] out string? problem)
    {
        submission = null;
        if (string.IsNullOrEmpty(activity.ReplyToId))
        {
            problem = "Feedback needs replyToId, the id of the message it rates.";
            return false;
        }

        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("actionName", out var name) || name.ValueKind != JsonValueKind.String
            || name.GetString() != "feedback"
            || !value.TryGetProperty("actionValue", out var action) || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("reaction", out var reaction) || reaction.GetString() is not ("like" or "dislike"))
        {
            problem = "The value must be {\"actionName\":\"feedback\",\"actionValue\":{\"reaction\":\"like\"|\"dislike\",\"feedback\":…}}.";
            return false;
        }

        string? comment = null;
        if (action.TryGetProperty("feedback", out var text))
        {
            comment = text.ValueKind == JsonValueKind.String ? CommentOf(text.GetString()) : text.GetRawText();
        }

        submission = new FeedbackSubmission(reaction.GetString()!, string.IsNullOrWhiteSpace(comment) ? null : comment);
        problem = null;
        return true;
    }

    private static string? CommentOf(string? feedback)
    {
        if (feedback is null || !feedback.TrimStart().StartsWith('{'))
        {
            return feedback;
        }

        try
        {
            using var document = JsonDocument.Parse(feedback);
            return document.RootElement.TryGetProperty("feedbackText", out var text) && text.ValueKind == JsonValueKind.String
                ? text.GetString()
                : feedback;
        }
        catch (JsonException)
        {
            return feedback;
        }
    }
}
