using BriefingBot.Evaluation;

return await EvaluationApp.RunAsync(args).ConfigureAwait(false);
