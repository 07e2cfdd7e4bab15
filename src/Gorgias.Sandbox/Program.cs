using Gorgias.Sandbox.Hosting;

namespace Gorgias.Sandbox;

/// <summary>The standalone sandbox: <c>dotnet run --project src/Gorgias.Sandbox -- --urls http://127.0.0.1:5081</c>.</summary>
public static class SandboxProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGorgiasSandbox();

        var app = builder.Build();
        app.MapGorgiasSandbox();
        app.Run();
    }
}
