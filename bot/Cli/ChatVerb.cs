using BriefingBot.Bot.Contracts;

namespace BriefingBot.Bot.Cli;

/// <summary>
/// <c>chat [--conversation ID]</c>: a conversation in the terminal, one question a line from standard input (typed,
/// or piped), answered as the bot answers in Teams or Web Chat, follow-ups included. The conversation is kept in the
/// memory, so it continues the next time with the same id. <c>/reset</c> forgets it, <c>/history</c> shows it,
/// <c>/exit</c> or the end of input ends the chat.
/// </summary>
internal static class ChatVerb
{
    public const string DefaultConversation = "terminal";

    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var id = args.Get("conversation") ?? DefaultConversation;
        var filter = QueryVerbs.Filter(args);
        using var answering = await context.OpenAnsweringAsync(cancellationToken);
        var conversations = answering.Conversations;
        var interactive = ReferenceEquals(context.Input, Console.In) && !Console.IsInputRedirected && !context.Json;
        if (interactive)
        {
            context.Output.WriteLine($"BriefingBot chat — conversation '{id}', {answering.Answerer.Mode} answers. /reset forgets it, /history shows it, /exit ends.");
        }

        while (true)
        {
            if (interactive)
            {
                context.Output.Write("> ");
            }

            var line = await context.Input.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                break;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line is "/exit" or "/quit")
            {
                break;
            }

            if (line == "/reset")
            {
                var forgotten = await conversations.ResetAsync(id, cancellationToken);
                if (context.Json)
                {
                    context.WriteJson(new { conversationId = id, reset = true, turns = forgotten });
                }
                else
                {
                    context.Output.WriteLine($"Conversation '{id}' reset ({forgotten} turn(s) forgotten).");
                }

                continue;
            }

            if (line == "/history")
            {
                foreach (var turn in await conversations.HistoryAsync(id, cancellationToken))
                {
                    context.Output.WriteLine($"{turn.Number}. {turn.Question}" + (turn.StandaloneQuestion != turn.Question ? $"  (taken as: {turn.StandaloneQuestion})" : ""));
                }

                continue;
            }

            var reply = AnswerResponse.From(await conversations.AskAsync(id, line, filter, cancellationToken));
            if (context.Json)
            {
                context.WriteJson(reply);
            }
            else
            {
                QueryVerbs.WriteAnswer(context.Output, reply);
                context.Output.WriteLine();
            }
        }

        return 0;
    }
}
