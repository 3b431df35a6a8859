using NeuroScope;
using NeuroScope.Cli;

// Signals first: from here on Ctrl+C and SIGTERM stop the running phase cleanly instead of ending the process.
using var interrupts = Interrupts.Install();

// Training on large batches makes hundreds of megabytes of short-lived activations on the large-object heap; this
// process asks the engine to collect them as it goes, so a run's memory stays near its live data.
EngineSettings.LargeTensorCollectionBytes = EngineSettings.SuggestedLargeTensorCollectionBytes;

return CliApp.Run(args, Console.Out, Console.Error);
