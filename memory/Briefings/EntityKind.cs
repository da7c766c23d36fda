namespace BriefingBot.Memory.Briefings;

public enum EntityKind
{
    Person,
    Organisation,
    Place,
}
