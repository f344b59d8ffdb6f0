# Container image of the ChargeBridge host (the Home Assistant add-on in ha-addon/ runs the same published host).
# Build: docker build -t chargebridge .
# Run:   docker run -d --name chargebridge -v chargebridge-data:/data \
#          -e HomeAssistant__Host=… -e HomeAssistant__Token=… -e ChargeBridge.Apps.V2G.V2GConfig__ChargerHost=… chargebridge
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ChargeBridge.Host -c Release -o /app

# The host serves nothing itself, but its HA client library carries the loopback fakes, so it needs ASP.NET's runtime.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Data that must survive container updates (the SQLite files) belongs on this volume, writable by the non-root user.
RUN mkdir -p /data && chown app:app /data
VOLUME /data
# The statistics file and the FlexMeasures outbox go to the volume.
ENV ChargeBridge.Apps.V2G.V2GConfig__DataFolder=/data
USER app
ENTRYPOINT ["dotnet", "chargebridge.dll"]
CMD ["run"]
