namespace InferCost.Pricing;

/// <summary>Finds bytes that are not UTF-8 in input before it is decoded (a decode would throw or replace them).</summary>
public static class Utf8Validation
{
    /// <summary>The 0-based offset of the first byte that is not valid UTF-8, or null when all of it is valid.</summary>
    public static int? InvalidByteAt(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }
}
