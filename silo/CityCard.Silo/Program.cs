using CityCard.Silo;

var builder = WebApplication.CreateBuilder(args);
var settings = SiloSettings.From(builder.Configuration);

builder.AddCityCardSilo(settings);

var app = builder.Build();
app.MapCityCardEndpoints(settings);
app.Run();
