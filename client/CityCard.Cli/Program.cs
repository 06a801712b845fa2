using CityCard.Cli;

return await CliApp.RunAsync(args);
