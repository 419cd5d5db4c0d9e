import BroadsheetCore
import Foundation
#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

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
        read(fullPath: url.path(percentEncoded: false), path: path, sizeLimit: sizeLimit)
    }

    /// Reads the file at `fullPath` with plain POSIX calls (one open, fstat and read; no Foundation objects).
    static func read(fullPath: String, path: String, sizeLimit: Int) -> Result<SourceFile, Diagnostic> {
        let start = SourceLocation(file: path, line: 1, column: 1)
        func unreadable(_ code: Int32) -> Result<SourceFile, Diagnostic> {
            .failure(
                .error(
                    "cannot read the file: \(String(cString: strerror(code)).lowercased())", at: start,
                    hint: "check that the file exists and is readable by this user"))
        }
        let descriptor = open(fullPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return unreadable(errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return unreadable(errno) }
        let size = Int(info.st_size)
        if size > sizeLimit {
            return .failure(
                .error(
                    "file is \(ByteCount.describe(size)), over the limit of \(ByteCount.describe(sizeLimit))",
                    at: start,
                    hint: "split the entry, or raise max_file_size in Content/site.yml"
                ))
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        var failure: Int32 = 0
        bytes.withUnsafeMutableBytes { buffer in
            while filled < size {
                let count = systemRead(descriptor, buffer.baseAddress! + filled, size - filled)
                if count < 0, errno == EINTR { continue }
                if count < 0 { failure = errno }
                if count <= 0 { break }
                filled += count
            }
        }
        if failure != 0 { return unreadable(failure) }
        if filled < size { bytes.removeLast(size - filled) }
        return decode(bytes, path: path)
    }

    /// Decodes bytes already in memory.
    static func decode(_ bytes: [UInt8], path: String) -> Result<SourceFile, Diagnostic> {
        let skip = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // `String(decoding:)` is the fast, vectorised UTF-8 path; it repairs bad bytes, so the result equals
        // the input byte for byte exactly when the input was valid UTF-8.
        let decoded = bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[skip...]), as: UTF8.self)
        }
        var copy = decoded
        let valid = copy.withUTF8 { utf8 in
            utf8.count == bytes.count - skip
                && (utf8.isEmpty || bytes.withUnsafeBufferPointer { memcmp(utf8.baseAddress!, $0.baseAddress! + skip, utf8.count) == 0 })
        }
        guard valid else {
            let (line, column) = firstInvalidByte(in: Array(bytes[skip...]))
            return .failure(
                .error(
                    "the file is not valid UTF-8 (first bad byte at line \(line), column \(column))",
                    at: SourceLocation(file: path, line: line, column: column),
                    hint: "save the file as UTF-8 in your editor"))
        }
        let text = bytes.contains(UInt8(ascii: "\r")) ? decoded.replacing("\r\n", with: "\n") : decoded
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
