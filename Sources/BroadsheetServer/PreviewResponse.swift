import Foundation
import NIOHTTP1

/// A response: status, headers, and how its body is sent.
struct PreviewResponse: Sendable {
    enum Body: Sendable {
        /// Bytes already in memory, sent in one write.
        case bytes(Data)
        /// A file too large to read whole, streamed from disk; `length` is its size when it was looked at.
        case file(URL, length: Int)
        /// Server-sent events, one write per frame as they come, until the stream ends.
        case events(AsyncStream<String>)
        /// No body (a HEAD request or a 304), with the length a GET would have had, when known.
        case none(length: Int?)
    }

    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: Body

    /// The same response as a HEAD request gets it: headers only, the length kept.
    var withoutBody: PreviewResponse {
        var length: Int?
        switch body {
        case .bytes(let data): length = data.count
        case .file(_, let size): length = size
        case .events: length = nil
        case .none(let known): length = known
        }
        return PreviewResponse(status: status, headers: headers, body: .none(length: length))
    }
}
