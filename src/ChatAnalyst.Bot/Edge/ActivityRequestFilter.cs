using Microsoft.AspNetCore.Http.Features;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatAnalyst.Bot.Edge;

/// <summary>
/// Stands in front of <c>POST /api/messages</c>: a body over <see cref="BotOptions.MaxRequestBytes"/> gets 413, one
/// that is not an activity the adapter can route (bad JSON, no type, no <c>conversation.id</c>, <c>channelId</c> or
/// absolute <c>serviceUrl</c>) gets 400 with a one-line reason, a rejected token 401 and the authentication service
/// being unreachable 503, each logged as one line. The SDK would otherwise throw on such requests and the host would answer 500 (or, in Development, with the
/// developer exception page). The body is parsed with the SDK's own serializer, so what passes here parses there too.
/// </summary>
public sealed class ActivityRequestFilter(IOptions<BotOptions> options, ILogger<ActivityRequestFilter> logger) : IEndpointFilter
{
    private const string ParsedActivityKey = "ChatAnalyst.ParsedActivity";

    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var limit = options.Value.MaxRequestBytes;
        if (http.Request.ContentLength > limit)
        {
            return Reject(http, StatusCodes.Status413PayloadTooLarge, $"The request body is {http.Request.ContentLength} bytes; the limit is {limit} (ChatAnalyst:Bot:MaxRequestBytes).");
        }

        // A chunked body has no Content-Length: Kestrel stops reading it at the limit instead.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        try
        {
            http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
            var (activity, reason) = await ReadActivityAsync(http.Request, http.RequestAborted);
            if (reason is not null)
            {
                return Reject(http, StatusCodes.Status400BadRequest, reason);
            }

            // The endpoint hands this activity to the adapter, which would otherwise read and parse the body again.
            if (activity is not null)
            {
                http.Items[ParsedActivityKey] = activity;
            }

            http.Request.Body.Position = 0;
            return await next(context);
        }
        catch (BadHttpRequestException ex)
        {
            return Reject(http, ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The request body is over the limit of {limit} bytes (ChatAnalyst:Bot:MaxRequestBytes)."
                : FirstLine(ex.Message));
        }
        catch (TokenRejectedException ex)
        {
            logger.LogWarning("Rejected a request to {Path} with 401: {Reason}", http.Request.Path, ex.Message);
            return Results.Text("The request's credentials were not accepted.\n", "text/plain", statusCode: StatusCodes.Status401Unauthorized);
        }
        catch (AuthenticationUnavailableException ex)
        {
            logger.LogWarning("Could not check the credentials of a request to {Path}, answered 503: {Reason}", http.Request.Path, ex.Message);
            return Results.Text("The bot cannot check credentials right now; try again later.\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
            return Results.Empty;
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            // A fault of ours: logged in full, but the caller gets a plain line, never the developer exception page.
            logger.LogError(ex, "A request to {Path} failed", http.Request.Path);
            return Results.Text("The bot failed to process the activity.\n", "text/plain", statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>The activity this filter parsed from the request's body, when it passed.</summary>
    public static Activity? ParsedActivity(HttpContext http) =>
        http?.Items.TryGetValue(ParsedActivityKey, out var parsed) == true ? parsed as Activity : null;

    /// <summary>
    /// The activity in the body, parsed as the SDK's adapter parses it (its serializer, straight from the text), or
    /// why it cannot be processed. Anything unusual (a parse error, text after the object, a missing field) is looked
    /// at again through a JSON token, which names the problem; should that find none, the body passes unparsed.
    /// </summary>
    internal static async Task<(Activity? Activity, string? Problem)> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(request.Body, leaveOpen: true);
        var body = await text.ReadToEndAsync(cancellationToken);
        if (Parse(body) is { } activity && Missing(activity) is null)
        {
            return (activity, null);
        }

        // Null and no problem: the body passes, and the adapter reads it itself.
        return (null, Problem(body));
    }

    private static Activity? Parse(string body)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(body));
            var activity = HttpHelper.BotMessageSerializer.Deserialize<Activity>(reader);
            return reader.Read() ? null : activity;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Why the body cannot be processed as an activity, or null when it can.</summary>
    private static string? Problem(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "The request body is empty; POST a Bot Framework activity as JSON.";
        }

        JToken json;
        try
        {
            json = JToken.Parse(body, new JsonLoadSettings { CommentHandling = CommentHandling.Ignore });
        }
        catch (JsonException ex)
        {
            return "The request body is not valid JSON: " + FirstLine(ex.Message);
        }

        if (json is not JObject activityJson)
        {
            return $"The request body is a JSON {json.Type.ToString().ToLowerInvariant()}; a Bot Framework activity is a JSON object.";
        }

        Activity? activity;
        try
        {
            activity = activityJson.ToObject<Activity>(HttpHelper.BotMessageSerializer);
        }
        catch (JsonException ex)
        {
            return "The activity has a field of the wrong type: " + FirstLine(ex.Message);
        }

        return Missing(activity);
    }

    private static string? Missing(Activity? activity)
    {
        if (string.IsNullOrWhiteSpace(activity?.Type))
        {
            return "The activity has no type.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no conversation.id.";
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return "The activity has no channelId.";
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            return "The activity has no serviceUrl.";
        }

        return Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) && serviceUrl.Scheme is "http" or "https"
            ? null
            : "The activity's serviceUrl is not an absolute http or https URL.";
    }

    private IResult Reject(HttpContext http, int status, string reason)
    {
        logger.LogInformation("Rejected a request to {Path} with {Status}: {Reason}", http.Request.Path, status, reason);
        return Results.Text(reason + "\n", "text/plain", statusCode: status);
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
