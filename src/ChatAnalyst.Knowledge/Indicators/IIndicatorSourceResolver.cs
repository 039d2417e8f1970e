namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>Finds the article note an observation cites, so a row can never cite a note that does not exist.</summary>
public interface IIndicatorSourceResolver
{
    /// <summary>The note named <paramref name="fileName"/> with its front-matter metadata, or null when no article folder holds it.</summary>
    Task<IndicatorSource?> ResolveAsync(string fileName, CancellationToken cancellationToken = default);
}
