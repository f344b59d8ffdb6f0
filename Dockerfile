# Container image of the ChargeBridge host (the base of the Home Assistant add-on as well).
# Build: docker build -t chargebridge .   Run: docker run -e HomeAssistant__Host=… -e HomeAssistant__Token=… chargebridge
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ChargeBridge.Host -c Release -o /app

# The host serves nothing itself, but its HA client library carries the loopback fakes, so it needs ASP.NET's runtime.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Data that must survive container updates (the measurement outbox's SQLite file) belongs on this volume.
VOLUME /data
USER app
ENTRYPOINT ["dotnet", "chargebridge.dll"]
CMD ["run"]
