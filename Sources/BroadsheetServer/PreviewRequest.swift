import Foundation
import NIOHTTP1

/// A request as the preview handler sees it.
struct PreviewRequest: Sendable {
    let method: HTTPMethod
    /// The path as sent (percent-encoded), without the query.
    let path: String
    /// The query as sent, without the "?" ("" when there is none).
    let query: String
    let headers: HTTPHeaders

    init(method: HTTPMethod, uri: String, headers: HTTPHeaders) {
        self.method = method
        self.headers = headers
        // An absolute-form target (a proxy's) names the path after its authority.
        var target = Substring(uri)
        if let scheme = target.range(of: "://") {
            target = target[scheme.upperBound...]
            target = target.firstIndex(of: "/").map { target[$0...] } ?? "/"
        }
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = String(target)
            query = ""
        }
    }
}
