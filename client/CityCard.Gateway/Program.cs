using CityCard.Gateway;

// appsettings.json sits beside the binary, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var settings = GatewaySettings.From(builder.Configuration);
builder.AddCityCardGateway(settings);

var app = builder.Build();
app.MapCityCardGateway();
app.Run();
