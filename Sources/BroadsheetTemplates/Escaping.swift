/// HTML escaping and number output straight into the byte buffer.
enum Escaping {
    private static let amp: [UInt8] = Array("&amp;".utf8)
    private static let lt: [UInt8] = Array("&lt;".utf8)
    private static let gt: [UInt8] = Array("&gt;".utf8)
    private static let quot: [UInt8] = Array("&quot;".utf8)
    private static let apos: [UInt8] = Array("&#39;".utf8)

    static func appendEscaped(_ string: String, to out: inout [UInt8]) {
        var string = string
        // Native strings are contiguous UTF-8, so this never copies in practice.
        string.withUTF8 { appendEscaped(bytes: $0, to: &out) }
    }

    static func appendRaw(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { out.append(contentsOf: $0) }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` equals `byte` (the classic has-zero-byte trick).
    @inline(__always)
    private static func contains(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs != 0
    }

    static func appendEscaped(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        var i = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while i < bytes.count {
            // Eight bytes at a time while none of them needs escaping: most text is plain.
            if i + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if !(contains(word, 0x26) || contains(word, 0x3C) || contains(word, 0x3E)
                    || contains(word, 0x22) || contains(word, 0x27))
                {
                    i += 8
                    continue
                }
            }
            let byte = bytes[i]
            i += 1
            // Every escaped character is at or below '>', so most bytes take this branch.
            if byte > 0x3E { continue }
            let replacement: [UInt8]
            switch byte {
            case 0x26: replacement = amp
            case 0x3C: replacement = lt
            case 0x3E: replacement = gt
            case 0x22: replacement = quot
            case 0x27: replacement = apos
            default: continue
            }
            if runStart < i - 1 { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<(i - 1)])) }
            out.append(contentsOf: replacement)
            runStart = i
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// Decimal digits without building a `String`.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value == 0 { out.append(0x30); return }
        var magnitude = value.magnitude
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        while magnitude > 0 {
            digits.append(0x30 + UInt8(magnitude % 10))
            magnitude /= 10
        }
        if value < 0 { out.append(0x2D) }
        out.append(contentsOf: digits.reversed())
    }
}
