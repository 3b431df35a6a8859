using System.Globalization;

namespace NeuroScope.Training;

/// <summary>Formats numbers for logs and messages: invariant culture, shortest round-trip form ("NaN", "Infinity" and "-Infinity" for non-finite values).</summary>
internal static class InvariantFormat
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
