using System.Text;

namespace InferCost.Data.UsageLogs;

/// <summary>A minimal RFC 4180 reader: comma-separated, double-quoted fields (quotes doubled), fields may span lines.</summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    /// <summary>The longest record kept: 64 Mi characters (as a JSON line's 64 MiB); a longer one is a problem.</summary>
    public const int MaxRecordChars = 64 << 20;

    private readonly StringBuilder _field = new();
    private readonly StringBuilder _raw = new();
    private long _line = 1;

    public CsvRecordReader(TextReader reader) => _reader = reader;

    /// <summary>Gets the 1-based line the last record started on.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Gets the last record's raw text.</summary>
    public string RawRecord => _raw.ToString();

    /// <summary>Gets why the last record is malformed (an unterminated quote), or <see langword="null"/>.</summary>
    public string? Problem { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; <see langword="false"/> at the end.</summary>
    public bool Read(List<string> fields)
    {
        fields.Clear();
        _field.Clear();
        _raw.Clear();
        Problem = null;
        RecordLine = _line;
        var c = _reader.Read();
        if (c < 0)
        {
            return false;
        }

        var quoted = false;
        var any = false;
        while (true)
        {
            if (_raw.Length > MaxRecordChars)
            {
                // Never buffered without end: the record is answered with this problem and read to its end.
                Problem ??= $"record longer than {MaxRecordChars >> 20} Mi characters (the limit)";
                _raw.Clear();
                _field.Clear();
                fields.Clear();
            }

            if (c < 0)
            {
                if (quoted)
                {
                    Problem = "unterminated quoted field (file cut mid-record?)";
                }

                fields.Add(_field.ToString());
                return true;
            }

            var ch = (char)c;
            _raw.Append(ch);
            if (quoted)
            {
                if (ch == '"')
                {
                    if (_reader.Peek() == '"')
                    {
                        _field.Append('"');
                        _raw.Append((char)_reader.Read());
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        _line++;
                    }

                    _field.Append(ch);
                }
            }
            else if (ch == '"' && _field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
            }
            else if (ch == '\n')
            {
                _line++;
                _raw.Length--;
                if (_raw.Length > 0 && _raw[^1] == '\r')
                {
                    _raw.Length--;
                }

                if (!any && _field.Length == 0 && fields.Count == 0)
                {
                    // Blank line: skip.
                    RecordLine = _line;
                    c = _reader.Read();
                    if (c < 0)
                    {
                        return false;
                    }

                    continue;
                }

                fields.Add(_field.ToString().TrimEnd('\r'));
                return true;
            }
            else
            {
                _field.Append(ch);
            }

            any = any || ch != '\r';
            c = _reader.Read();
        }
    }

    /// <summary>Quotes a value for CSV output when it needs it.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
