global using CityCard.Contracts;
global using CityCard.Domain.Cards;
global using CityCard.Domain.Tests.Support;
global using Xunit;
