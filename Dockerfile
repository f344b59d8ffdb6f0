# The image of ChargeBridge, built from source: the container (docker build -t chargebridge .) and the Home Assistant
# add-on (this repository is the add-on's folder; the supervisor builds it with BUILD_FROM and RUN_AS from build.yaml).
# Container run:
#   docker run -d --name chargebridge -v chargebridge-data:/data \
#     -e HomeAssistant__Host=… -e HomeAssistant__TokenFile=/run/secrets/ha_token -e ChargeBridge.Apps.V2G.V2GConfig__ChargerHost=… chargebridge
ARG BUILD_FROM=mcr.microsoft.com/dotnet/aspnet:10.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ChargeBridge.Host -c Release -o /app

# The host serves nothing itself but /health, yet its HA client library carries the loopback fakes, so it needs
# ASP.NET's runtime.
FROM ${BUILD_FROM}
ARG RUN_AS=app
WORKDIR /app
COPY --from=build /app .
COPY ha-addon/run.sh /run.sh
# Data that must survive updates (the statistics, the FlexMeasures outbox) belongs on /data, writable by the user.
RUN chmod a+x /run.sh && mkdir -p /data && chown app:app /data
VOLUME /data
ENV ChargeBridge.Apps.V2G.V2GConfig__DataFolder=/data
USER ${RUN_AS}
ENTRYPOINT ["/run.sh"]
CMD ["run"]
