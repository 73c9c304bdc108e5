using Sotp.Server;

return await SotpServer.RunAsync(args);

/// <summary>Named so the test host (WebApplicationFactory) can find the entry point.</summary>
public partial class Program;
