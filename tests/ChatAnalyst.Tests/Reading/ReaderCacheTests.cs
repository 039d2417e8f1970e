using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Reading;
using ChatAnalyst.Tests.Knowledge;

namespace ChatAnalyst.Tests.Reading;

/// <summary>In the collection of the test that empties the reader's caches, so that it cannot empty them mid-test.</summary>
[Collection(MiniLmCollectionDefinition.Name)]
public sealed class ReaderCacheTests
{
    [Fact]
    public void An_articles_abbreviations_are_read_once_and_are_those_the_reader_finds()
    {
        var text = "Gear output\nThe Ministry of Gears and Wheel Technology (MGWT) said the gadget price index (GPI) rose. "
            + "Nothing (here) is defined, nor (X).\n" + Guid.NewGuid().ToString("N");

        var first = ReaderCache.DefinitionsOf(text);
        var again = ReaderCache.DefinitionsOf(new string(text.AsSpan()));

        Assert.Equal(AbbreviationReader.Definitions(text), first);
        Assert.Equal([("mgwt", "ministry of gears and wheel technology"), ("gpi", "gadget price index")], first);
        Assert.Same(first, again);
    }
}
