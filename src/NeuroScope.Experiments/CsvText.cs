using System.Globalization;
using System.Text;

namespace NeuroScope.Experiments;

/// <summary>A whole CSV file as text: a header and rows of numbers in round-trip invariant form.</summary>
public static class CsvText
{
    /// <summary>The CSV text of <paramref name="rows"/> under <paramref name="columns"/>.</summary>
    public static string Of(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<double>> rows)
    {
        var text = new StringBuilder(string.Join(',', columns)).Append('\n');
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Count; i++)
            {
                if (i > 0)
                    text.Append(',');
                text.Append(row[i].ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
