namespace NeuroScope.Plotting.Fit;

/// <summary>
/// Writes an animated GIF89a with one global palette of 255 colors plus a transparent index: each frame stores
/// only the rectangle that changed, with unchanged pixels transparent, so long animations of mostly still
/// dashboards stay small and fast to encode. LZW after the classic compress/GIF encoders (Welch 1984;
/// Poskanzer, Weiner), with a 5003-slot open-addressing hash.
/// </summary>
internal sealed class GifWriter : IDisposable
{
    public const byte Transparent = 255;
    private readonly Stream _stream;
    private readonly int _width, _height;

    public GifWriter(Stream stream, int width, int height, ReadOnlySpan<byte> paletteRgb)
    {
        _stream = stream;
        _width = width;
        _height = height;
        var header = new List<byte>(1024);
        header.AddRange("GIF89a"u8.ToArray());
        AddUInt16(header, width);
        AddUInt16(header, height);
        header.Add(0xF7); // global color table of 2^(7+1) = 256 entries, 8 bits per primary
        header.Add(0);
        header.Add(0);
        var table = new byte[768];
        paletteRgb[..Math.Min(765, paletteRgb.Length)].CopyTo(table);
        header.AddRange(table);
        // NETSCAPE2.0 application extension: loop forever.
        header.AddRange([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8.ToArray(), 0x03, 0x01, 0x00, 0x00, 0x00]);
        _stream.Write(header.ToArray());
    }

    /// <summary>Encodes a frame of palette indices (with <paramref name="previous"/>'s unchanged pixels made transparent) into a self-contained block.</summary>
    public static byte[] EncodeFrame(byte[] indices, byte[]? previous, int width, int height, int delayCentiseconds)
    {
        int left = 0, top = 0, right = width - 1, bottom = height - 1;
        byte[] pixels = indices.Length == width * height ? indices : indices[..(width * height)];
        if (previous is not null)
        {
            // The bounding box of the changed pixels; a frame identical to the last still needs one pixel.
            left = width; top = height; right = -1; bottom = -1;
            for (int y = 0; y < height; y++)
            {
                int row = y * width;
                for (int x = 0; x < width; x++)
                {
                    if (indices[row + x] == previous[row + x])
                        continue;
                    if (x < left) left = x;
                    if (x > right) right = x;
                    if (y < top) top = y;
                    if (y > bottom) bottom = y;
                }
            }
            if (right < 0)
                (left, top, right, bottom) = (0, 0, 0, 0);
            int w = right - left + 1, h = bottom - top + 1;
            pixels = new byte[w * h];
            for (int y = 0; y < h; y++)
            {
                int source = (top + y) * width + left, target = y * w;
                for (int x = 0; x < w; x++)
                {
                    byte value = indices[source + x];
                    pixels[target + x] = value == previous[source + x] ? Transparent : value;
                }
            }
        }
        int frameWidth = right - left + 1, frameHeight = bottom - top + 1;
        var output = new MemoryStream(pixels.Length / 4 + 64);
        // Graphic control extension: disposal 1 (keep), transparency on, delay.
        output.Write([0x21, 0xF9, 0x04, (byte)((1 << 2) | 1), (byte)(delayCentiseconds & 0xFF), (byte)(delayCentiseconds >> 8), Transparent, 0x00]);
        output.WriteByte(0x2C);
        WriteUInt16(output, left);
        WriteUInt16(output, top);
        WriteUInt16(output, frameWidth);
        WriteUInt16(output, frameHeight);
        output.WriteByte(0);
        output.WriteByte(8); // LZW minimum code size
        new LzwEncoder(pixels, output).Compress(9);
        output.WriteByte(0);
        return output.ToArray();
    }

    public void WriteEncodedFrame(byte[] block) => _stream.Write(block);

    public void Dispose()
    {
        _stream.WriteByte(0x3B);
        _stream.Flush();
    }

    private static void AddUInt16(List<byte> bytes, int value)
    {
        bytes.Add((byte)(value & 0xFF));
        bytes.Add((byte)(value >> 8));
    }

    private static void WriteUInt16(Stream stream, int value)
    {
        stream.WriteByte((byte)(value & 0xFF));
        stream.WriteByte((byte)(value >> 8));
    }

    private sealed class LzwEncoder(byte[] pixels, Stream output)
    {
        private const int MaxBits = 12, MaxMaxCode = 1 << MaxBits, HashSize = 5003;
        private readonly int[] _hashTable = new int[HashSize];
        private readonly int[] _codeTable = new int[HashSize];
        private readonly byte[] _block = new byte[256];
        private int _blockCount, _initialBits, _bits, _maxCode, _freeEntry, _clearCode, _endCode, _accumulator, _accumulatedBits;
        private bool _clearFlag;

        public void Compress(int initialBits)
        {
            _initialBits = initialBits;
            _bits = initialBits;
            _maxCode = (1 << _bits) - 1;
            _clearCode = 1 << (initialBits - 1);
            _endCode = _clearCode + 1;
            _freeEntry = _clearCode + 2;
            int shift = 0;
            for (int f = HashSize; f < 65536; f *= 2)
                shift++;
            shift = 8 - shift;
            Array.Fill(_hashTable, -1);
            Output(_clearCode);
            int entry = pixels[0];
            for (int p = 1; p < pixels.Length; p++)
            {
                int c = pixels[p];
                int code = (c << MaxBits) + entry;
                int i = (c << shift) ^ entry;
                if (_hashTable[i] == code)
                {
                    entry = _codeTable[i];
                    continue;
                }
                if (_hashTable[i] >= 0)
                {
                    int displacement = i == 0 ? 1 : HashSize - i;
                    bool found = false;
                    do
                    {
                        if ((i -= displacement) < 0)
                            i += HashSize;
                        if (_hashTable[i] == code)
                        {
                            entry = _codeTable[i];
                            found = true;
                            break;
                        }
                    }
                    while (_hashTable[i] >= 0);
                    if (found)
                        continue;
                }
                Output(entry);
                entry = c;
                if (_freeEntry < MaxMaxCode)
                {
                    _codeTable[i] = _freeEntry++;
                    _hashTable[i] = code;
                }
                else
                {
                    Array.Fill(_hashTable, -1);
                    _freeEntry = _clearCode + 2;
                    _clearFlag = true;
                    Output(_clearCode);
                }
            }
            Output(entry);
            Output(_endCode);
        }

        private void Output(int code)
        {
            _accumulator &= (1 << _accumulatedBits) - 1;
            _accumulator = _accumulatedBits > 0 ? _accumulator | (code << _accumulatedBits) : code;
            _accumulatedBits += _bits;
            while (_accumulatedBits >= 8)
            {
                Emit((byte)(_accumulator & 0xFF));
                _accumulator >>= 8;
                _accumulatedBits -= 8;
            }
            if (_freeEntry > _maxCode || _clearFlag)
            {
                if (_clearFlag)
                {
                    _bits = _initialBits;
                    _maxCode = (1 << _bits) - 1;
                    _clearFlag = false;
                }
                else
                {
                    _bits++;
                    _maxCode = _bits == MaxBits ? MaxMaxCode : (1 << _bits) - 1;
                }
            }
            if (code == _endCode)
            {
                while (_accumulatedBits > 0)
                {
                    Emit((byte)(_accumulator & 0xFF));
                    _accumulator >>= 8;
                    _accumulatedBits -= 8;
                }
                Flush();
            }
        }

        private void Emit(byte value)
        {
            _block[_blockCount++] = value;
            if (_blockCount >= 254)
                Flush();
        }

        private void Flush()
        {
            if (_blockCount == 0)
                return;
            output.WriteByte((byte)_blockCount);
            output.Write(_block, 0, _blockCount);
            _blockCount = 0;
        }
    }
}
