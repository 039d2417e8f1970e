using BenchmarkDotNet.Running;
using ChatAnalyst.Benchmarks;

// "budget" runs the answer evaluation set through the hosted-model path against the fake server and checks the
// round-trip and prompt-token budget; "profile" times the pieces of an offline turn (a diagnostic); "features" times
// the reader's candidates + features step and can dump its vectors; "cost" times a warm turn besides its query
// embedding (see TurnCost); anything else goes
// to BenchmarkDotNet (e.g. --filter '*').
if (args is ["budget", ..])
{
    return await PromptBudget.RunAsync(args[1..], Console.Out);
}

if (args is ["profile", ..])
{
    return await TurnProfile.RunAsync(args[1..], Console.Out);
}

if (args is ["cost", ..])
{
    return await TurnCost.RunAsync(args[1..], Console.Out);
}

if (args is ["features", ..])
{
    return await ReaderFeaturesProfile.RunAsync(args[1..], Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(OfflineTurnBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
return 0;
