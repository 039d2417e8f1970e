namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>A figure extracted from an ingested article, linked to the chunk and document it came from.</summary>
public sealed record ExtractedFigure(string DocumentId, string ChunkId, IndicatorSource Source, FigureCandidate Figure);
