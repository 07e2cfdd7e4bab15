using Saas.Web;

var app = SaasWebApp.Create(args).Build();
app.MapSaas();
app.Run();
