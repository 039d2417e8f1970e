using ChatAnalyst.Orchestration.Grounding;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>
/// The guard reads each evidence text's numbers once and keeps them: a text read again supports exactly what it
/// supported when first read, and each text only what it states.
/// </summary>
public sealed class EvidenceNumbersCacheTests
{
    private const string First = "Output rose 4.5% to 1.2 trillion yuan in the first 11 months (1—11月), reported on 24 May.";
    private const string Second = "Shipments fell 3.1% to 870,000 units.";

    [Fact]
    public void A_text_read_again_supports_what_it_supported_when_first_read()
    {
        EvidenceNumbers.ClearCache();
        var cold = new EvidenceNumbers();
        cold.Add(First);
        var warm = new EvidenceNumbers();
        warm.Add(First);
        var other = new EvidenceNumbers();
        other.Add(Second);

        var mentions = NumberReader.Read(First + " " + Second + " It took 5 months; 12.5% more.");
        Assert.NotEmpty(mentions);
        Assert.Equal(mentions.Select(cold.Supports), mentions.Select(warm.Supports));
        Assert.Contains(mentions, m => cold.Supports(m) && !other.Supports(m));
        Assert.Contains(mentions, m => other.Supports(m) && !cold.Supports(m));
        Assert.Contains(mentions, m => !cold.Supports(m) && !other.Supports(m));

        var (figures, dateParts) = EvidenceNumbers.NumbersOf(First);
        Assert.Same(figures, EvidenceNumbers.NumbersOf(First).Figures);
        Assert.Equal(NumberReader.Read(First).SelectMany(m => m.Values), figures);
        Assert.Equal(NumberReader.MonthNumbersIn(First).Order(), dateParts.Order());
    }
}
