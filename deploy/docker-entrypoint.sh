#!/bin/sh
# Silos tell each other (through Redis) where to reach them. In a container that is the
# container's own address, which is known only at start: take it unless one was configured.
set -e
if [ -z "${Orleans__Endpoints__AdvertisedIPAddress:-}" ]; then
  Orleans__Endpoints__AdvertisedIPAddress=$(hostname -i | awk '{print $1}')
  export Orleans__Endpoints__AdvertisedIPAddress
fi
exec dotnet /app/ChitLaq.Silo.dll "$@"
