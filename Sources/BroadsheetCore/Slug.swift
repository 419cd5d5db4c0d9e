import Foundation

/// A URL path segment made from a title, a file name or a tag: readable, stable and safe to use as a folder name.
///
/// Latin letters lose their accents (`Kōmeitō` → `komeito`), letters of other scripts stay as they are
/// (`日本` → `日本`), and everything that is not a letter or digit becomes a single hyphen. The result never
/// contains `/`, `.`, `\`, NUL or control characters, so it can never climb out of the output folder.
public struct Slug: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The slug text.
    public let value: String

    /// Slugifies `text`; nil when nothing readable is left (an empty or all-punctuation name).
    public init?(from text: String) {
        if let ascii = Slug.asciiSlug(text) {
            guard !ascii.isEmpty else { return nil }
            value = ascii
            return
        }
        var result = ""
        var pendingHyphen = false
        for character in text {
            guard let folded = Slug.fold(character) else {
                pendingHyphen = !result.isEmpty
                continue
            }
            if pendingHyphen { result.append("-") }
            pendingHyphen = false
            result.append(folded)
        }
        guard !result.isEmpty else { return nil }
        value = result
    }

    /// Accepts `text` only if it is already a slug, as an explicit `slug:` must be.
    public init?(validating text: String) {
        guard let slug = Slug(from: text), slug.value == text else { return nil }
        self = slug
    }

    /// Restores a slug the build cache stored after it was validated; never use it for unchecked text.
    public init(cached value: String) {
        self.value = value
    }

    /// The segment percent-encoded for use in an `href`.
    public var urlEncoded: String { Slug.percentEncode(value) }

    public var description: String { value }

    public static func < (lhs: Slug, rhs: Slug) -> Bool { lhs.value < rhs.value }

    /// Percent-encodes every byte outside unreserved ASCII, as RFC 3986 asks for a path segment.
    public static func percentEncode(_ text: String) -> String {
        // Most segments (dates, ASCII slugs) need no encoding: return them as they are, without a copy.
        var contiguous = text
        if contiguous.withUTF8({ $0.allSatisfy(isUnreserved) }) { return text }
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"),
                UInt8(ascii: "."), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                encoded.unicodeScalars.append("%")
                encoded.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                encoded.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
        return encoded
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"),
            UInt8(ascii: "."), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }

    // MARK: - Folding

    /// The slug of an all-ASCII `text` from its bytes, as `init(from:)` makes it character by character;
    /// nil when `text` has other characters. Most titles, tags and file names are ASCII, and every entry
    /// slugifies several of them.
    private static func asciiSlug(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingHyphen = false
            for byte in bytes {
                let lower: UInt8
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): lower = byte
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): lower = byte + 32
                default:
                    pendingHyphen = !result.isEmpty
                    continue
                }
                if pendingHyphen { result.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                result.append(lower)
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Letters that do not decompose into a base letter and a mark.
    private static let latinSpecials: [Character: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i",
        "ŋ": "n", "ħ": "h", "ŧ": "t", "ĸ": "k",
    ]

    /// The lower-case, accent-free form of a letter or digit; nil for anything else.
    private static func fold(_ character: Character) -> String? {
        if character.isASCII {
            guard character.isLetter || character.isNumber else { return nil }
            return character.lowercased()
        }
        guard character.isLetter || character.isNumber,
            let first = character.unicodeScalars.first,
            !first.properties.generalCategory.isControlOrFormat
        else { return nil }
        let lower = character.lowercased()
        guard isLatin(first) else { return lower }
        if let special = latinSpecials[Character(lower)] { return special }
        let base = lower.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
            $0.properties.generalCategory != .nonspacingMark
        }
        var folded = ""
        folded.unicodeScalars.append(contentsOf: base)
        return folded.isEmpty ? nil : folded
    }

    /// Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional letters.
    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00C0...0x024F, 0x1E00...0x1EFF: return true
        default: return false
        }
    }
}

extension Unicode.GeneralCategory {
    /// Control, format, surrogate, private-use and unassigned code points: never part of a slug.
    fileprivate var isControlOrFormat: Bool {
        switch self {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }
}
