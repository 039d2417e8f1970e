namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>The article note an observation is taken from, as described by its YAML front matter.</summary>
/// <param name="DocumentId">The note's file name, e.g. <c>02-china-software-it-services-revenue-jan-nov-2024.md</c>; also its document id in the index.</param>
/// <param name="Title">Front-matter <c>title</c>, or the file name when the note has none.</param>
/// <param name="Url">Front-matter <c>source</c> (or <c>url</c>); empty when absent.</param>
/// <param name="Publisher">Front-matter <c>publisher</c>.</param>
/// <param name="Published">Front-matter <c>published</c>, when it is a date.</param>
public sealed record IndicatorSource(string DocumentId, string Title, string Url, string? Publisher, DateOnly? Published);
