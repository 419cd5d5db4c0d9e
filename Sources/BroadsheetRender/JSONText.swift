/// Minimal JSON writing with exact escaping, for feeds and the search index (keys in a fixed order, so
/// output is byte-identical from build to build).
struct JSONText {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `text` as a JSON string. Runs of bytes that need no escaping are copied whole.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() {
                let escaped: [UInt8]
                switch byte {
                case UInt8(ascii: "\""): escaped = [92, 34]
                case UInt8(ascii: "\\"): escaped = [92, 92]
                case UInt8(ascii: "\n"): escaped = [92, UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): escaped = [92, UInt8(ascii: "r")]
                case UInt8(ascii: "\t"): escaped = [92, UInt8(ascii: "t")]
                // `<` is escaped so the JSON can never close a <script> element it is embedded in.
                case UInt8(ascii: "<"): escaped = Array("\\u003c".utf8)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    escaped = Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(contentsOf: escaped)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An integer.
    mutating func number(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Integers separated by commas, without brackets.
    mutating func numbers(_ values: [Int]) {
        for (position, value) in values.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    /// `"key":"value"` followed by a comma unless `last`.
    mutating func field(_ key: String, _ value: String, last: Bool = false) {
        string(key)
        raw(":")
        string(value)
        if !last { raw(",") }
    }
}
