using System.Text.RegularExpressions;

namespace ChatAnalyst.Knowledge.Text;

/// <summary>
/// Which way a text says something moved: up ("rose", "picked up", "faster", 回升) or down ("fell", "weaker",
/// 回落). Read the same way in a question ("why did growth slow?") and in a sentence ("blamed the slower growth on…"), so
/// the reader can prefer evidence about the movement asked. Words that only say something changed ("grew", "growth",
/// 增长) name no direction.
/// </summary>
public static partial class ChangeDirection
{
    /// <summary>+1 when the text names only upward movement, −1 when only downward, 0 when neither or both.</summary>
    public static int Of(string text)
    {
        var (up, down) = Words(text);
        return up == down ? 0 : up ? 1 : -1;
    }

    /// <summary>Whether the text has a word of upward and a word of downward movement.</summary>
    public static (bool Up, bool Down) Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (Up().IsMatch(text), Down().IsMatch(text));
    }

    [GeneratedRegex(@"\b(?:rise|rises|rising|rose|risen|pick(?:ed|s|ing)?[- ]?up|pickup|accelerat(?:e|ed|es|ing|ion)|surg(?:e|ed|es|ing)|jump(?:ed|s)?|soar(?:ed|s|ing)?|increas(?:e|ed|es|ing)|faster|quicker|higher|stronger|rapid(?:ly)?|quickly|strong|boost(?:ed|s)?|rebound(?:ed|s)?|climb(?:ed|s)?|expan(?:d|ded|ds|sion))\b|上升|加快|回升|上涨|提高|扩大", RegexOptions.IgnoreCase)]
    private static partial Regex Up();

    [GeneratedRegex(@"\b(?:slow(?:s|ed|ing|er|down)?|slump(?:ed|s)?|fall|falls|falling|fell|fallen|drop(?:ped|s)?|declin(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|weak(?:en|ened|ens|er|ness)?|shr[iu]nk|shrank|shrinking|contract(?:ed|ion|s)?|dip(?:ped|s)?|plung(?:e|ed|es)|tumbl(?:e|ed|es)|eas(?:ed|ing)|cool(?:ed|ing)|lower|downturn|dragg?(?:ed)?|weigh(?:ed|s)? on|hurt)\b|放缓|回落|下降|下滑|减少|降低|收窄", RegexOptions.IgnoreCase)]
    private static partial Regex Down();
}
