using Microsoft.SemanticKernel;

namespace BriefingBot.Memory.Generation;

/// <summary>The variables each prompt receives; the only place they are named in code.</summary>
public static class PromptArguments
{
    public static KernelArguments GroundedAnswer(string question, string facts, string notFound) => new()
    {
        ["question"] = question,
        ["facts"] = facts,
        ["not_found"] = notFound,
    };

    public static KernelArguments StandaloneQuestion(string history, string question) => new()
    {
        ["history"] = history,
        ["question"] = question,
    };

    public static KernelArguments FollowUpSuggestions(string facts, string question, string answer) => new()
    {
        ["facts"] = facts,
        ["question"] = question,
        ["answer"] = answer,
    };

    public static KernelArguments BriefingProse(string subject, string keyPoints, string passages) => new()
    {
        ["subject"] = subject,
        ["key_points"] = keyPoints,
        ["passages"] = passages,
    };

    /// <summary>Arguments for a prompt by name, with the given value in every variable (for checking the templates).</summary>
    public static KernelArguments Sample(string function, string value) => function switch
    {
        PromptNames.GroundedAnswer => GroundedAnswer(value, value, value),
        PromptNames.StandaloneQuestion => StandaloneQuestion(value, value),
        PromptNames.FollowUpSuggestions => FollowUpSuggestions(value, value, value),
        PromptNames.BriefingProse => BriefingProse(value, value, value),
        _ => throw new ArgumentException($"No prompt named '{function}'.", nameof(function)),
    };
}
