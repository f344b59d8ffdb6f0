// Benchmarks print their figures as Markdown rows for docs/BENCHMARKS.md; each lives in its own file.
Console.WriteLine("usage: dotnet run -c Release --project bench/ChargeBridge.Bench -- <benchmark>");
return 1;
