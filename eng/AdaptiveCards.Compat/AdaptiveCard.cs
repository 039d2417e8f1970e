namespace AdaptiveCards;

/// <summary>
/// Placeholder for <c>AdaptiveCards.AdaptiveCard</c> from the AdaptiveCards NuGet package.
/// </summary>
/// <remarks>
/// This type exists only so that <c>Microsoft.Bot.Schema</c> (whose
/// <c>Microsoft.Bot.Schema.SharePoint.QuickViewResponse.Template</c> property is typed as
/// <c>AdaptiveCards.AdaptiveCard</c>) binds at compile time and run time; the real package is
/// not available from the NuGet mirror this project uses. It has no members and is not the real
/// Adaptive Cards object model: ChatAnalyst sends Adaptive Cards as JSON attachments
/// (content type <c>application/vnd.microsoft.card.adaptive</c>), never through this type.
/// </remarks>
public class AdaptiveCard
{
}
