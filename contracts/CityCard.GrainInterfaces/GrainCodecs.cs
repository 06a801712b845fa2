using CityCard.Contracts;

// The contract types carry Orleans' serializer attributes but no generated code: CityCard.Contracts references only
// the attributes, so that a program speaking HTTP alone (the CLI) needs no Orleans assembly beyond them. Orleans
// generates their codecs, copiers and type aliases here instead, into the assembly every Orleans process loads with
// the grain interfaces.
[assembly: GenerateCodeForDeclaringAssembly(typeof(Money))]
