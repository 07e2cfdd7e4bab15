using Saas.Dev;

return await Demo.RunAsync(args);
