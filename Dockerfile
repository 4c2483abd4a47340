# syntax=docker/dockerfile:1
# Build: docker build -t assessor .
# Run:   docker run -p 8080:8080 -v assessor-data:/app/data -e Assessor__BootstrapAdminKey=... assessor
#
# Runtime base: PDFs need Debian's chromium and the fonts the report stylesheet names (fonts-ipaexfont: IPAex Gothic and
# Mincho; fonts-dejavu-core: DejaVu Sans Mono), and .NET 10 ships no Debian images (its
# Ubuntu images would get a snap-only chromium that cannot run in a container; chiseled ones cannot
# install packages at all). So the service is published self-contained onto Debian 13.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG RID=linux-x64
WORKDIR /src
# Restore layer first: it changes only when a project file or package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY service/Assessor.Domain/Assessor.Domain.csproj service/Assessor.Domain/
COPY service/Assessor.Service/Assessor.Service.csproj service/Assessor.Service/
RUN dotnet restore service/Assessor.Service/Assessor.Service.csproj -r $RID

COPY service/ service/
COPY checklists/ checklists/
COPY reports/ reports/
# Publishing for a runtime (-r) also precompiles the assemblies (ReadyToRun, set in the project file).
RUN dotnet publish service/Assessor.Service/Assessor.Service.csproj -c Release -r $RID --self-contained -o /app --no-restore \
 && mkdir -p /app/data

FROM debian:trixie-slim AS runtime
# ICU for SqlClient collations; chromium and its fonts for PDF reports.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libicu76 chromium fonts-ipaexfont fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 1654 --user-group --no-create-home --home-dir /app app
WORKDIR /app
COPY --from=build --chown=1654:1654 /app /app
USER 1654
ENV ASPNETCORE_URLS=http://+:8080 \
    Assessor__Database__Provider=sqlite \
    Assessor__Database__ConnectionString="Data Source=/app/data/assessor.db" \
    Assessor__Reports__ChromiumPath=/usr/bin/chromium
# Production needs the public base URL printed in certified reports; the service refuses to start without it:
#   docker run -e Assessor__Reports__PublicBaseUrl=https://assessor.example.go.jp ...
VOLUME ["/app/data"]
EXPOSE 8080
ENTRYPOINT ["/app/Assessor.Service"]
