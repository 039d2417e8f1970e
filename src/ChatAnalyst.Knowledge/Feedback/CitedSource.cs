namespace ChatAnalyst.Knowledge.Feedback;

/// <summary>A source an answer cited, as the user saw it: its <c>[Number]</c>, title and address.</summary>
public sealed record CitedSource(int Number, string Title, string Url);
