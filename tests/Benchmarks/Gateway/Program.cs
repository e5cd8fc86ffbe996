using DitCloud.Benchmarks.Gateway;

// `./dit bench gateway [rounds] [requests]`: see docs/benchmarks.md (the gateway section).
await GatewayBenchmark.RunAsync(args);
