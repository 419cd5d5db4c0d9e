import BroadsheetCore
import Foundation

/// A content file read as text: UTF-8 checked, byte-order mark dropped, CRLF turned into LF.
struct SourceFile: Sendable {
    /// The site-relative path used in messages.
    let path: String
    /// The file's text with `\n` line endings.
    let text: String

    /// Why a file could not be read as text.
    enum Failure: Error {
        case diagnostic(Diagnostic)
    }

    /// Reads `url`, refusing files over `sizeLimit` bytes and bytes that are not UTF-8.
    static func read(_ url: URL, path: String, sizeLimit: Int) -> Result<SourceFile, Diagnostic> {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let bytes: [UInt8]
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path(percentEncoded: false))
            if let size = attributes[.size] as? Int, size > sizeLimit {
                return .failure(
                    .error(
                        "file is \(ByteCount.describe(size)), over the limit of \(ByteCount.describe(sizeLimit))",
                        at: start,
                        hint: "split the entry, or raise max_file_size in Content/site.yml"
                    ))
            }
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            return .failure(
                .error(
                    "cannot read the file: \(FileErrorText.describe(error))", at: start,
                    hint: "check that the file exists and is readable by this user"))
        }
        return decode(bytes, path: path)
    }

    /// Decodes bytes already in memory.
    static func decode(_ bytes: [UInt8], path: String) -> Result<SourceFile, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let decoded = String(validating: body, as: UTF8.self) else {
            let (line, column) = firstInvalidByte(in: Array(body))
            return .failure(
                .error(
                    "the file is not valid UTF-8 (first bad byte at line \(line), column \(column))",
                    at: SourceLocation(file: path, line: line, column: column),
                    hint: "save the file as UTF-8 in your editor"))
        }
        let text = decoded.contains("\r") ? decoded.replacing("\r\n", with: "\n") : decoded
        return .success(SourceFile(path: path, text: text))
    }

    /// The line and column (in characters) of the first byte that breaks UTF-8.
    static func firstInvalidByte(in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput, .error:
                return (line, column)
            }
        }
    }
}

/// Human-readable byte counts for messages.
enum ByteCount {
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1_048_576, bytes % 1_048_576 == 0 { return "\(bytes / 1_048_576) MB" }
        if bytes >= 1_048_576 { return "\(bytes * 10 / 1_048_576 / 10).\(bytes * 10 / 1_048_576 % 10) MB" }
        if bytes >= 1024 { return "\(bytes / 1024) KB" }
        return "\(bytes) bytes"
    }
}

/// The readable part of a Foundation file error.
enum FileErrorText {
    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        if nsError.code == NSFileReadNoPermissionError { return "permission denied" }
        if nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        return nsError.localizedDescription
    }
}
