using System.Text.Json;
using System.Text.RegularExpressions;
using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Tests.Support;

/// <summary>Checks a Teams answer against Teams' rules for AI messages.</summary>
public static partial class AnswerAssertions
{
    /// <summary>
    /// One root schema.org Message entity, labelled AI-generated exactly when <paramref name="generated"/> (an
    /// extractive answer quotes the sources and carries no AI label), whose citation positions are exactly the
    /// <c>[n]</c> markers of the text (at most 20), names ≤ 80 and abstracts ≤ 160 characters; returns the citations.
    /// </summary>
    public static JsonElement AssertTeamsAiMessage(Activity answer, bool generated = false)
    {
        var roots = (answer.Entities ?? []).Where(e => e.Type == "https://schema.org/Message").ToList();
        var root = Assert.Single(roots);
        var json = JsonSerializer.SerializeToElement(root, ActivityJson.Options);
        Assert.Equal("Message", json.GetProperty("@type").GetString());
        Assert.Equal("https://schema.org", json.GetProperty("@context").GetString());
        if (generated)
        {
            Assert.Equal(["AIGeneratedContent"], json.GetProperty("additionalType").EnumerateArray().Select(e => e.GetString()));
        }
        else
        {
            Assert.False(json.TryGetProperty("additionalType", out _), "An extractive answer is labelled AI-generated.");
        }

        var citations = json.GetProperty("citation");
        var positions = citations.EnumerateArray().Select(c => c.GetProperty("position").GetInt32()).ToList();
        var markers = Marker().Matches(answer.Text!).Select(m => int.Parse(m.Groups[1].Value)).Distinct().Order().ToList();
        Assert.NotEmpty(markers);
        Assert.Equal(markers, positions.Order().ToList());
        Assert.Equal(positions.Count, positions.Distinct().Count());
        Assert.InRange(positions.Count, 1, 20);
        foreach (var citation in citations.EnumerateArray())
        {
            Assert.Equal("Claim", citation.GetProperty("@type").GetString());
            var appearance = citation.GetProperty("appearance");
            Assert.Equal("DigitalDocument", appearance.GetProperty("@type").GetString());
            Assert.InRange(appearance.GetProperty("name").GetString()!.Length, 1, 80);
            Assert.InRange(appearance.GetProperty("abstract").GetString()!.Length, 1, 160);
        }

        Assert.True(answer.ChannelData!.Value.GetProperty("feedbackLoopEnabled").GetBoolean());
        return citations;
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
