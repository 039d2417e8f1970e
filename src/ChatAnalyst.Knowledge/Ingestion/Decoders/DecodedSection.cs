namespace ChatAnalyst.Knowledge.Ingestion.Decoders;

/// <summary>A run of text under one heading. Paragraphs and list items are separated by line breaks.</summary>
public sealed record DecodedSection(string? Heading, string Text);
