using BriefingBot.Memory.Feedback;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Contracts;
using BriefingBot.Bot.Teams;
using BriefingBot.Bot.WebChat;
using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Telemetry;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Bot.Turns;

/// <summary>
/// The bot's conversation, independent of the channel: answers questions with citations, runs the commands,
/// welcomes new members (not in Teams channels, where members join the whole team) and records feedback. Replies go
/// out through the turn's <see cref="IActivitySender"/>.
/// </summary>
public sealed class BriefingTurnHandler(
    IAnswerSource answers,
    ISourceCatalog catalog,
    IBriefingSource briefings,
    IFeedbackStore feedback,
    TurnOptions options,
    TimeProvider time,
    ILogger<BriefingTurnHandler> logger)
{
    public const string FeedbackInvoke = "message/submitAction";

    /// <summary>How long a conversation whose channel refused a stream is answered without streaming.</summary>
    public static readonly TimeSpan StreamingRetryAfter = TimeSpan.FromHours(1);
    private const int SourcesListed = 20;
    private const int WelcomePrompts = 2;
    private const int MaxConversationKeyLength = 160;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _streamingRefused = new(StringComparer.Ordinal);

    /// <summary>Handles one activity; for an <c>invoke</c> returns the response to send back synchronously.</summary>
    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(TurnScope.Of(turn.Activity));
        logger.LogDebug("Handling a {Type} activity", turn.Activity.Type);
        return await HandleInScopeAsync(turn, cancellationToken);
    }

    private async Task<InvokeResponse?> HandleInScopeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageAsync(turn, cancellationToken);
                return null;
            case ActivityTypes.ConversationUpdate:
                if (activity.MembersAdded?.Any(m => m.Id is not null && m.Id != activity.Recipient?.Id) == true && !IsTeamsChannel(activity))
                {
                    await SendWelcomeAsync(turn, cancellationToken);
                }

                return null;
            case ActivityTypes.InstallationUpdate:
                if (activity.Action is { } action && action.StartsWith("add", StringComparison.OrdinalIgnoreCase))
                {
                    await SendWelcomeAsync(turn, cancellationToken);
                }

                return null;
            case ActivityTypes.Invoke:
                return await OnInvokeAsync(activity, cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>
    /// The key under which a conversation's turns and feedback are kept: channel and conversation id, or the channel
    /// and a hash of the id when that would be longer than a stored conversation id may be.
    /// </summary>
    public static string ConversationKey(Activity activity)
    {
        var key = $"{activity.ChannelId}:{activity.Conversation?.Id}";
        return key.Length <= MaxConversationKeyLength
            ? key
            : $"{activity.ChannelId}:sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))}";
    }

    private async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var text = MentionText.RemoveRecipientMentions(activity);
        if (TurnCommands.BriefingTopic(text) is { Length: > 0 } topic)
        {
            await SendBriefingAsync(turn, topic, cancellationToken);
            return;
        }

        switch (TurnCommands.Parse(text))
        {
            case TurnCommands.Help:
                await SendTextAsync(turn, HelpText(), [TurnCommands.Sources], cancellationToken);
                return;
            case TurnCommands.Sources:
                await SendSourcesAsync(turn, cancellationToken);
                return;
            case TurnCommands.Reset:
                var forgotten = await answers.ForgetAsync(ConversationKey(activity), cancellationToken);
                await SendTextAsync(turn, forgotten ? "Done: I have forgotten this conversation. Ask me anything." : "There was nothing to forget. Ask me anything.", [], cancellationToken);
                return;
            default:
                await AnswerAsync(turn, text, cancellationToken);
                return;
        }
    }

    private async Task AnswerAsync(TurnContext turn, string question, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var key = ConversationKey(activity);
        var stream = turn.CanStream && options.Streaming && (IsTeamsPersonalChat(activity) || turn.WebChatClient) && !StreamingRefused(key)
            ? new TeamsStream(turn.Sender, activity, options.StreamInterval, time)
            : null;
        var typing = await TypingIndicator.StartAsync(turn.Sender, activity, options.TypingInterval, time, logger, cancellationToken);
        BotAnswer? answer = null;
        try
        {
            if (stream is not null)
            {
                await typing.DisposeAsync();
                await stream.StartAsync(options.SearchingText, cancellationToken);
                if (stream.Refused)
                {
                    if (_streamingRefused.Count > 10_000)
                    {
                        _streamingRefused.Clear();
                    }

                    _streamingRefused[key] = time.GetUtcNow();
                    logger.LogInformation("Streaming refused in {Conversation}; answering with single messages for {Hours} h", key, StreamingRetryAfter.TotalHours);
                }
            }

            var query = new AnswerQuery(question, key);
            var textSoFar = new StringBuilder();
            await foreach (var update in answers.AnswerAsync(query, cancellationToken))
            {
                if (update.Completed is { } completed)
                {
                    answer = completed;
                    break;
                }

                if (stream is not null && update.Delta is { Length: > 0 } delta)
                {
                    textSoFar.Append(delta);
                    await stream.UpdateAsync(textSoFar.ToString(), cancellationToken);
                }
            }
        }
        finally
        {
            await typing.DisposeAsync();
        }

        if (answer is null)
        {
            throw new InvalidOperationException("The answer source ended without a completed answer.");
        }

        var reply = activity.ChannelId == Channels.MsTeams
            ? TeamsAnswerMessage.Build(activity, answer)
            : turn.WebChatClient
                ? WebChatAnswerMessage.Build(activity, answer)
                : MarkdownAnswerMessage.Build(activity, answer);
        var messageId = stream is not null
            ? await stream.FinishAsync(reply, cancellationToken)
            : await turn.Sender.SendAsync(reply, cancellationToken);
        if (messageId is not null)
        {
            await RecordAnswerAsync(key, messageId, answer, cancellationToken);
        }
    }

    private async Task RecordAnswerAsync(string key, string messageId, BotAnswer answer, CancellationToken cancellationToken)
    {
        try
        {
            var citations = JsonSerializer.Serialize(AnswerResponse.From(answer.Answer).Citations, BotJson.Options);
            await feedback.RecordAnswerAsync(
                new AnswerRecord(key, messageId, answer.Answer.Question, answer.Answer.Text, citations, answer.Answer.Mode, time.GetUtcNow()),
                cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record the answer {MessageId} for feedback", messageId);
        }
    }

    private async Task<InvokeResponse> OnInvokeAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (!string.Equals(activity.Name, FeedbackInvoke, StringComparison.Ordinal))
        {
            return InvokeResponse.NotImplemented();
        }

        if (FeedbackSubmission.TryRead(activity, out var submission, out var problem))
        {
            var matched = await feedback.RecordFeedbackAsync(
                new FeedbackRecord(ConversationKey(activity), activity.ReplyToId!, activity.From?.Id, submission.Reaction, submission.Comment, time.GetUtcNow()),
                cancellationToken);
            BriefingTelemetry.Feedback.Add(1, new KeyValuePair<string, object?>("reaction", FeedbackRecord.ReactionName(submission.Reaction)));
            if (!matched)
            {
                logger.LogInformation("Feedback on {MessageId}, an answer not on record, was kept without it", activity.ReplyToId);
            }

            return InvokeResponse.Ok();
        }

        return new InvokeResponse(400, JsonSerializer.SerializeToElement(new { error = problem }, ActivityJson.Options));
    }

    private async Task SendWelcomeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var summary = await catalog.SummarizeAsync(WelcomePrompts, cancellationToken);
        var prompts = summary.Latest.Select(d => $"What are the key points of “{TeamsCitations.Truncate(d.Title, 60)}”?").Append(TurnCommands.Help);
        var text = summary.Documents == 0
            ? "Hello! I am BriefingBot. I answer questions from the briefings I hold and cite the passages I quote, but I hold none yet. Type **help** to see what I can do."
            : string.Create(CultureInfo.InvariantCulture,
                $"Hello! I am BriefingBot. I answer questions from the {summary.Documents} briefing document{(summary.Documents == 1 ? "" : "s")} I hold and cite the passages I quote. Ask me anything, or type **help**.");
        await SendTextAsync(turn, text, prompts, cancellationToken);
    }

    private async Task SendBriefingAsync(TurnContext turn, string topic, CancellationToken cancellationToken)
    {
        var typing = await TypingIndicator.StartAsync(turn.Sender, turn.Activity, options.TypingInterval, time, logger, cancellationToken);
        Briefing briefing;
        try
        {
            briefing = await briefings.BriefAsync(topic, cancellationToken);
        }
        finally
        {
            await typing.DisposeAsync();
        }

        if (briefing.KeyPoints.Count == 0)
        {
            await SendTextAsync(turn, $"I found nothing in the briefings about “{topic}”.", [TurnCommands.Sources], cancellationToken);
            return;
        }

        await turn.Sender.SendAsync(BriefingMessage.Build(turn.Activity, briefing), cancellationToken);
    }

    private async Task SendSourcesAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var summary = await catalog.SummarizeAsync(SourcesListed, cancellationToken);
        if (summary.Documents == 0)
        {
            await SendTextAsync(turn, "I hold no documents yet, so there is nothing I can answer from.", [], cancellationToken);
            return;
        }

        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"I hold {summary.Documents} document{(summary.Documents == 1 ? "" : "s")} ({summary.Passages} passages). "));
        text.Append(summary.Documents > summary.Latest.Count ? string.Create(CultureInfo.InvariantCulture, $"The {summary.Latest.Count} most recent:\n") : "Most recent first:\n");
        foreach (var document in summary.Latest)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- **{document.Title}**");
            if (document.Published is { } published)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({published:yyyy-MM-dd})");
            }

            if (document.Source is { Length: > 0 } source)
            {
                text.Append(CultureInfo.InvariantCulture, $" — {source}");
            }
        }

        await SendTextAsync(turn, text.ToString(), [], cancellationToken);
    }

    private static string HelpText() => """
        Ask me a question about the briefings and I answer from them, citing each passage I quote, for example "What was agreed?".

        - **help** — this message
        - **brief** *topic* — a cited briefing: key points, who said what, what happens next (e.g. "brief me on the talks")
        - **sources** — the documents I answer from
        - **reset** — forget this conversation
        """;

    private static Task<string?> SendTextAsync(TurnContext turn, string text, IEnumerable<string> prompts, CancellationToken cancellationToken)
    {
        var reply = ActivityReplies.CreateReply(turn.Activity);
        reply.Text = text;
        reply.TextFormat = "markdown";
        reply.SuggestedActions = SuggestedFollowUps.For(prompts);
        return turn.Sender.SendAsync(reply, cancellationToken);
    }

    private bool StreamingRefused(string key) =>
        _streamingRefused.TryGetValue(key, out var refused) && time.GetUtcNow() - refused < StreamingRetryAfter;

    private static bool IsTeamsChannel(Activity activity) =>
        activity.ChannelId == Channels.MsTeams
        && string.Equals(activity.Conversation?.ConversationType, "channel", StringComparison.OrdinalIgnoreCase);

    private static bool IsTeamsPersonalChat(Activity activity) =>
        activity.ChannelId == Channels.MsTeams
        && string.Equals(activity.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase);
}
