using DitCloud.Benchmarks.Grpc;

// `./dit bench grpc`: see docs/benchmarks.md for what each figure means.
if (args is ["--bare-server", var port]) return await BareKestrel.RunAsync(int.Parse(port));
if (args is ["--stock-server", var stockPort]) return await StockGrpc.RunAsync(int.Parse(stockPort));
await GrpcBenchmark.RunAsync(args);
return 0;
