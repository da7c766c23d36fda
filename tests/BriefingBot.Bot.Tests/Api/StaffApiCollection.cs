namespace BriefingBot.Bot.Tests.Api;

[CollectionDefinition(Name)]
public sealed class StaffApiCollection : ICollectionFixture<StaffApiFixture>
{
    public const string Name = "staff-api";
}
