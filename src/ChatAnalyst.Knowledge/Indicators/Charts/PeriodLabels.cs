namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>
/// How a panel's period labels are written so that each fits the width of its category: the full label, the
/// abbreviated one, either on two lines, at the largest size that fits; when even the smallest is too wide, only
/// every few categories are labelled (a long monthly series).
/// </summary>
internal sealed record PeriodLabels(IReadOnlyList<string> Texts, float Size)
{
    private static readonly float[] Sizes = [12, 11, 10, 9];

    public static PeriodLabels Choose(IReadOnlyList<Period> periods, float slotWidth)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var forms = new Func<Period, string>[]
        {
            p => p.Label,
            p => p.ShortLabel,
            p => TwoLines(p.Label),
            p => TwoLines(p.ShortLabel),
        };
        foreach (var size in Sizes)
        {
            foreach (var form in forms)
            {
                var texts = periods.Select(form).ToList();
                if (texts.All(t => TextFitter.Width(t, size) <= slotWidth))
                {
                    return new PeriodLabels(texts, size);
                }
            }
        }

        var smallest = Sizes[^1];
        var compact = periods.Select(p => TwoLines(p.ShortLabel)).ToList();
        var widest = compact.Max(t => TextFitter.Width(t, smallest));
        var step = Math.Max(2, (int)Math.Ceiling(widest / Math.Max(1, slotWidth)));

        // Every step-th label counted back from the latest, which is always shown.
        return new PeriodLabels(compact.Select((t, i) => (compact.Count - 1 - i) % step == 0 ? t : string.Empty).ToList(), smallest);
    }

    private static string TwoLines(string label)
    {
        var space = label.LastIndexOf(' ');
        return space < 0 ? label : label[..space] + "\n" + label[(space + 1)..];
    }
}
