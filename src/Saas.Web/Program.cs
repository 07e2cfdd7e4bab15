var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "Gorgias Ticket Autopilot");
app.Run();
