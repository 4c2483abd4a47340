# syntax=docker/dockerfile:1
# Build: docker build -t assessor .
# Run:   docker run -p 8080:8080 -v assessor-data:/app/data -e Assessor__BootstrapAdminKey=... assessor

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore layer first: it changes only when a project file or package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY service/Assessor.Domain/Assessor.Domain.csproj service/Assessor.Domain/
COPY service/Assessor.Service/Assessor.Service.csproj service/Assessor.Service/
RUN dotnet restore service/Assessor.Service/Assessor.Service.csproj

COPY service/ service/
COPY checklists/ checklists/
COPY reports/ reports/
RUN dotnet publish service/Assessor.Service/Assessor.Service.csproj -c Release -o /app --no-restore \
 && mkdir -p /app/data

# The extra flavour carries ICU, which Microsoft.Data.SqlClient needs for collations.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS runtime
WORKDIR /app
# 1654 is the non-root "app" user the .NET images define (APP_UID).
COPY --from=build --chown=1654:1654 /app /app
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080 \
    Assessor__Database__Provider=sqlite \
    Assessor__Database__ConnectionString="Data Source=/app/data/assessor.db"
VOLUME ["/app/data"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "Assessor.Service.dll"]
