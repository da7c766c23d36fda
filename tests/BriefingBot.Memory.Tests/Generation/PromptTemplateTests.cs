using System.Text.Json;
using System.Text.RegularExpressions;
using BriefingBot.Memory.Generation;
using BriefingBot.Memory.Tests.Support;
using Microsoft.SemanticKernel;

namespace BriefingBot.Memory.Tests.Generation;

/// <summary>The prompt templates in <c>prompts/</c>, as copied beside the binaries: they parse, and the code supplies exactly their variables.</summary>
public sealed partial class PromptTemplateTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "prompts");

    public static TheoryData<string> Functions() => new(PromptNames.All);

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Template_EveryVariable_IsSuppliedByTheCodeAndDeclared(string function)
    {
        var kernel = Kernel.CreateBuilder().Build();
        var library = PromptLibrary.Load(kernel, Folder);
        var template = library.Template(function);
        var used = Variable().Matches(template).Select(m => m.Groups[1].Value).ToHashSet();
        var supplied = PromptArguments.Sample(function, "x").Names.ToHashSet();
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, function, "config.json")));
        var declared = config.RootElement.GetProperty("input_variables").EnumerateArray().Select(v => v.GetProperty("name").GetString()!).ToHashSet();

        Assert.NotEmpty(used);
        Assert.Equal(used.Order(), supplied.Order());
        Assert.Equal(used.Order(), declared.Order());
        Assert.DoesNotMatch(@"\{\{(?!\s*\$\w+\s*\}\})", template);
        Assert.DoesNotMatch("<(?!/?message[ >])", template);
        Assert.Equal(used.Order(), library[function].Metadata.Parameters.Select(p => p.Name).Order());

        var rendered = await new KernelPromptTemplateFactory()
            .Create(new PromptTemplateConfig(template))
            .RenderAsync(kernel, PromptArguments.Sample(function, "SAMPLE-VALUE"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("{{", rendered);
        Assert.Equal(used.Count, Regex.Matches(rendered, "SAMPLE-VALUE").Count);
        Assert.StartsWith("<message role=\"system\">", rendered);
    }

    [Theory]
    [InlineData(PromptNames.GroundedAnswer)]
    [InlineData(PromptNames.StandaloneQuestion)]
    public void Config_AnswerAndRewrite_RunAtTemperatureZero(string function)
    {
        var library = PromptLibrary.Load(Kernel.CreateBuilder().Build(), Folder);

        var settings = library[function].ExecutionSettings![PromptExecutionSettings.DefaultServiceId];

        Assert.Equal("0", settings.ExtensionData!["temperature"]!.ToString());
        Assert.True(library.MaxOutputTokens(function, 0) > 0);
    }

    [Fact]
    public async Task Load_EditedPromptInAnotherFolder_IsUsedWithoutRebuilding()
    {
        var copy = Path.Combine(Path.GetTempPath(), "briefingbot-prompts-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(Folder, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var answerPrompt = Path.Combine(copy, PromptNames.GroundedAnswer, "skprompt.txt");
            File.WriteAllText(answerPrompt, File.ReadAllText(answerPrompt).Replace("Rules:", "Rules (edited at run time):", StringComparison.Ordinal));
            await using var bed = await GenerativeTestBed.CreateAsync(o => o.PromptsFolder = copy);
            bed.Server.Then(ScriptedResponse.Chat(bed.Test.Options.Answer.NotFoundText));

            await bed.Answerer.AskAsync("What is Russia demanding?", cancellationToken: TestContext.Current.CancellationToken);

            Assert.Contains("Rules (edited at run time):", Assert.Single(bed.Server.ChatRequests).Messages[0].Content);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void Load_FolderWithoutAPrompt_FailsNamingTheSettingAndThePrompt()
    {
        var empty = Directory.CreateTempSubdirectory("briefingbot-prompts-").FullName;
        try
        {
            var e = Assert.Throws<AiConfigurationException>(() => PromptLibrary.Load(Kernel.CreateBuilder().Build(), empty));

            Assert.Contains("AI:PromptsFolder", e.Message);
            Assert.Contains(PromptNames.GroundedAnswer, e.Message);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [GeneratedRegex(@"\{\{\s*\$(\w+)\s*\}\}")]
    private static partial Regex Variable();
}
