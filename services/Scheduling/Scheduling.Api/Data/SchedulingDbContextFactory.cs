using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DitCloud.Scheduling.Api.Data;

/// <summary>For `dotnet ef migrations add` only: the model with the naming the service uses; never connects.</summary>
public sealed class SchedulingDbContextFactory : IDesignTimeDbContextFactory<SchedulingDbContext>
{
    public SchedulingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SchedulingDbContext>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options);
}
