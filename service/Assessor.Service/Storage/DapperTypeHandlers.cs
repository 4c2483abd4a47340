using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Assessor.Service.Storage;

/// <summary>
/// One mapping of Guid, DateTimeOffset and DateOnly for every provider (Dapper's handlers are process-wide):
/// SQLite has no such types, so they travel as text in one spelling; PostgreSQL and SQL Server get native
/// uuid/uniqueidentifier, timestamptz/datetimeoffset (always UTC) and date.
/// </summary>
internal static class DapperTypeHandlers
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new GuidHandler());
            SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
            SqlMapper.AddTypeHandler(new DateOnlyHandler());
        }
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value) => Set(parameter, DbType.Guid, value, value.ToString("D"));

        public override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            _ => throw new DataException($"Cannot read a Guid from {value.GetType()}."),
        };
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            var utc = value.ToUniversalTime();
            Set(parameter, DbType.DateTimeOffset, utc, utc.ToString("O", CultureInfo.InvariantCulture));
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset moment => moment,
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            _ => throw new DataException($"Cannot read a timestamp from {value.GetType()}."),
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value) =>
            Set(parameter, DbType.Date, value, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            string text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a date from {value.GetType()}."),
        };
    }

    private static void Set(IDbDataParameter parameter, DbType nativeType, object nativeValue, string text)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = text;
        }
        else
        {
            parameter.DbType = nativeType;
            parameter.Value = nativeValue;
        }
    }
}
