using SkiaSharp;

namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>
/// The one typeface every text of a chart is drawn and measured with, so a measured width is the drawn width.
/// A sans-serif family is preferred; the first installed one of a short list wins, else the system default.
/// </summary>
internal static class ChartFonts
{
    private static readonly string[] Preferred = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans", "Segoe UI"];

    private static readonly Lazy<string> Family = new(() =>
    {
        var installed = SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Preferred.FirstOrDefault(installed.Contains) ?? SKTypeface.Default.FamilyName;
    });

    private static readonly Lazy<SKTypeface> Regular = new(() => SKTypeface.FromFamilyName(Family.Value, SKFontStyle.Normal));

    private static readonly Lazy<SKTypeface> Bold = new(() => SKTypeface.FromFamilyName(Family.Value, SKFontStyle.Bold));

    /// <summary>The family name, for ScottPlot's own texts (ticks, axis labels).</summary>
    public static string FamilyName => Family.Value;

    /// <summary>A font of the chart's family; sizes are in pixels, as ScottPlot's are.</summary>
    public static SKFont Font(float size, bool bold = false) => new(bold ? Bold.Value : Regular.Value, size) { Subpixel = true };
}
