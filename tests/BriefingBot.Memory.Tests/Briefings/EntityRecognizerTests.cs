using BriefingBot.Memory.Briefings;

namespace BriefingBot.Memory.Tests.Briefings;

/// <summary>People, organisations and places recognised by rule on texts written for the purpose.</summary>
public sealed class EntityRecognizerTests
{
    private const string Text =
        "Mr Daniel Okafor, the council leader, said the Harbour Trust would meet in Lisbon.\n\n" +
        "According to Meridian Analytics, viewing of TV news fell by a third, and GDP barely grew.\n\n" +
        "Okafor said the River Senne had burst its banks near Brackley, and officials of the Ministry of Water " +
        "were on their way. The Water Standards Authority (WSA) will report to Parliament.\n\n" +
        "WSA inspectors arrived in Tarnow on Tuesday.";

    private static List<FoundEntity> Recognize() => EntityRecognizer.Recognize(Text, SpeakerTracker.Build(Text));

    private static FoundEntity Named(string name) => Assert.Single(Recognize(), e => e.Name == name);

    [Fact]
    public void Recognize_PersonWithHonorificAndApposition_FullNameRoleAndAllMentions()
    {
        var okafor = Named("Daniel Okafor");

        Assert.Equal(EntityKind.Person, okafor.Kind);
        Assert.Equal("the council leader", okafor.Role);
        Assert.Equal(2, okafor.Mentions.Count);
        Assert.All(okafor.Mentions, m => Assert.EndsWith("Okafor", Text[m.Start..m.End], StringComparison.Ordinal));
    }

    [Fact]
    public void Recognize_OrganisationCues_HeadsAcronymsAndDefinitions()
    {
        Assert.Equal(EntityKind.Organisation, Named("Harbour Trust").Kind);
        Assert.Equal(EntityKind.Organisation, Named("Ministry of Water").Kind);
        var authority = Named("Water Standards Authority");
        Assert.Equal(EntityKind.Organisation, authority.Kind);
        Assert.Equal(3, authority.Mentions.Count);
    }

    [Fact]
    public void Recognize_PlaceCues_GazetteerHeadsAndPrepositions()
    {
        Assert.Equal(EntityKind.Place, Named("Lisbon").Kind);
        Assert.Equal(EntityKind.Place, Named("River Senne").Kind);
        Assert.Equal(EntityKind.Place, Named("Brackley").Kind);
        Assert.Equal(EntityKind.Place, Named("Tarnow").Kind);
    }

    [Fact]
    public void Recognize_NoEvidence_LeftOut()
    {
        var names = Recognize().Select(e => e.Name).ToList();

        Assert.DoesNotContain("TV", names);
        Assert.DoesNotContain("GDP", names);
        Assert.DoesNotContain("Tuesday", names);
        Assert.DoesNotContain("Mr", names);
        Assert.DoesNotContain(Recognize(), e => e.Name == "Meridian Analytics" && e.Kind == EntityKind.Person);
    }
}
