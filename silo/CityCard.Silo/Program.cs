using CityCard.Grains.Policies;
using CityCard.Silo;

var builder = WebApplication.CreateBuilder(args);
var settings = SiloSettings.From(builder.Configuration);

try
{
    builder.AddCityCardSilo(settings);
}
catch (PolicyLoadException ex)
{
    // A broken policy file is an operator's mistake, not a crash: say what and where, and stop.
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

var app = builder.Build();
app.MapCityCardEndpoints(settings);
await app.RunAsync();
return 0;
