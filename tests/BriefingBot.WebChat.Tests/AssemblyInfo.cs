[assembly: AssemblyFixture(typeof(BriefingBot.WebChat.Tests.Support.SharedBotHost))]
