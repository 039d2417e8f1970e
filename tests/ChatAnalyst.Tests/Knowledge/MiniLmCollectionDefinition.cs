namespace ChatAnalyst.Tests.Knowledge;

/// <summary>Test classes in this collection share one <see cref="MiniLmFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class MiniLmCollectionDefinition : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}
