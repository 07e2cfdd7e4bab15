using Gorgias.Sandbox.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGorgiasSandbox();

var app = builder.Build();
app.MapGorgiasSandbox();
app.Run();
