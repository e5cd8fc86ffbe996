using DitCloud.Testing;

[assembly: AssemblyFixture(typeof(TestServers))]
