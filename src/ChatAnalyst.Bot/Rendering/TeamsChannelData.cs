using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ChatAnalyst.Bot.Rendering;

/// <summary>The <c>channelData</c> and <c>streaminfo</c> entities Teams reads on bot messages: the feedback loop and streaming.</summary>
public static class TeamsChannelData
{
    public const string StreamInfoType = "streaminfo";

    /// <summary>
    /// Turns on Teams' thumbs up/down under the message (<c>feedbackLoop.type: default</c>, plus the older
    /// <c>feedbackLoopEnabled</c> flag that earlier clients read); Teams then sends a <c>message/submitAction</c> invoke.
    /// </summary>
    public static void EnableFeedback(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var data = Of(activity);
        data["feedbackLoop"] = new JObject { ["type"] = "default" };
        data["feedbackLoopEnabled"] = true;
        activity.ChannelData = data;
    }

    /// <summary>
    /// Marks <paramref name="activity"/> as part of a stream: a <c>streaminfo</c> entity, mirrored in channelData as the
    /// Teams SDKs send it. The sequence is left out of the final message, as Teams expects.
    /// </summary>
    public static void MarkStream(Activity activity, string streamType, string? streamId, int? sequence)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var info = new Entity(StreamInfoType);
        var data = Of(activity);
        info.Properties["streamType"] = streamType;
        data["streamType"] = streamType;
        if (streamId is not null)
        {
            info.Properties["streamId"] = streamId;
            data["streamId"] = streamId;
        }

        if (sequence is { } n)
        {
            info.Properties["streamSequence"] = n;
            data["streamSequence"] = n;
        }

        activity.Entities = [.. activity.Entities ?? [], info];
        activity.ChannelData = data;
    }

    /// <summary>Removes what <see cref="MarkStream"/> added, so the message goes out as a normal reply.</summary>
    public static void UnmarkStream(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.Entities = (activity.Entities ?? []).Where(e => e.Type != StreamInfoType).ToList();
        var data = Of(activity);
        data.Remove("streamType");
        data.Remove("streamId");
        data.Remove("streamSequence");
        activity.ChannelData = data;
    }

    private static JObject Of(Activity activity) => activity.ChannelData switch
    {
        JObject existing => existing,
        null => [],
        var other => JObject.FromObject(other),
    };
}
