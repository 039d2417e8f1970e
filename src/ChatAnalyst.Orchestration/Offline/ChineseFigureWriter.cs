using System.Globalization;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Orchestration.Offline;

/// <summary>
/// Writes a structured figure as a Chinese sentence. Units are converted only by exact decimal scaling
/// (249.7 billion yuan = 2497亿元), so the grounding guard, which compares scaled values, still finds the figure.
/// </summary>
public static class ChineseFigureWriter
{
    private static readonly Dictionary<string, (decimal Factor, string Unit)> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["%"] = (1m, "%"),
        ["percentage points"] = (1m, "个百分点"),
        ["yuan"] = (1m, "元"),
        ["million yuan"] = (100m, "万元"),
        ["billion yuan"] = (10m, "亿元"),
        ["trillion yuan"] = (1m, "万亿元"),
        ["billion USD"] = (10m, "亿美元"),
        ["million kW"] = (100m, "万千瓦"),
        ["billion kW"] = (10m, "亿千瓦"),
        ["trillion kWh"] = (1m, "万亿千瓦时"),
        ["million tonnes"] = (100m, "万吨"),
        ["PFlops"] = (1m, " PFlops"),
        ["units"] = (1m, "个"),
        ["million units"] = (100m, "万"),
        ["billion units"] = (10m, "亿"),
        ["GB per month"] = (1m, " GB/月"),
    };

    private static readonly Dictionary<string, string> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["preliminary"] = "初步数据",
        ["forecast"] = "预测值",
        ["target"] = "目标值",
    };

    private static readonly Dictionary<string, string> Qualifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["over"] = "超过",
        ["about"] = "约",
        ["under"] = "不到",
    };

    public static string Sentence(FigureFact figure, int reference)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var name = string.IsNullOrEmpty(figure.IndicatorZh) ? figure.Indicator : figure.IndicatorZh;
        var value = Value(figure);
        // An actual figure needs no label; a forecast, a target or a preliminary figure says so.
        var status = figure.Status.Length == 0 || figure.Status.Equals("actual", StringComparison.OrdinalIgnoreCase)
            ? string.Empty
            : $"（{Statuses.GetValueOrDefault(figure.Status, figure.Status)}）";
        var qualifier = figure.Qualifier is null ? string.Empty : Qualifiers.GetValueOrDefault(figure.Qualifier, string.Empty);
        var text = $"{PeriodLabel(figure.Period)}，{name}为{qualifier}{value}{status}[{reference.ToString(CultureInfo.InvariantCulture)}]。";
        if (!string.IsNullOrEmpty(figure.SupersededBy))
        {
            text += $"注意：{figure.SupersededBy}";
        }

        return text;
    }

    public static string Value(FigureFact figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.Unit == "rank")
        {
            return "第" + figure.Value + "位";
        }

        if (Units.TryGetValue(figure.Unit, out var unit)
            && decimal.TryParse(figure.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            var scaled = (number * unit.Factor) / 1.0000000000000000000000000000m;
            return scaled.ToString(CultureInfo.InvariantCulture) + unit.Unit;
        }

        return figure.Value + " " + figure.Unit;
    }

    private static string PeriodLabel(string machine) => Period.TryParse(machine, out var period) ? PeriodLabel(period) : machine;

    /// <summary>A period in Chinese: 2024年, 2024年第四季度, 2025年12月, 2025年1—11月.</summary>
    public static string PeriodLabel(Period period) =>
        period.Kind switch
        {
            PeriodKind.Year => $"{period.Year}年",
            PeriodKind.Quarter => $"{period.Year}年第{"一二三四"[period.Number - 1]}季度",
            PeriodKind.Month => $"{period.Year}年{period.Number}月",
            _ => $"{period.Year}年1—{period.Number}月",
        };
}
