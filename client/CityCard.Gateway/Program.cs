using CityCard.Gateway;

var builder = WebApplication.CreateBuilder(args);
var settings = GatewaySettings.From(builder.Configuration);
builder.AddCityCardGateway(settings);

var app = builder.Build();
app.MapCityCardGateway();
app.Run();
