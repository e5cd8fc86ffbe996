using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DitCloud.Formulation.Api.Data;

/// <summary>For `dotnet ef migrations add` only: the model with the naming the service uses; never connects.</summary>
public sealed class FormulationDbContextFactory : IDesignTimeDbContextFactory<FormulationDbContext>
{
    public FormulationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FormulationDbContext>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options);
}
