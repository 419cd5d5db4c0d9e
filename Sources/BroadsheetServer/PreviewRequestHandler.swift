import Foundation
import NIOHTTP1

/// Answers every request of the preview: files of the output folder, the live-reload event stream, and
/// the error page while the last build failed.
struct PreviewRequestHandler: Sendable {
    let resolver: StaticFileResolver
    let coordinator: RebuildCoordinator
    let broadcaster: ReloadBroadcaster

    /// Files up to this size are read whole; larger ones are streamed from disk.
    private static let inMemoryLimit = 1 << 20

    func handle(_ request: PreviewRequest) async -> PreviewResponse {
        let isHead = request.method == .HEAD
        guard request.method == .GET || isHead else {
            var response = Self.text(.methodNotAllowed, "405 Method Not Allowed\n")
            response.headers.replaceOrAdd(name: "Allow", value: "GET, HEAD")
            return response
        }
        let rawPath = request.path
        if rawPath == ReloadInjector.eventsPath {
            return await eventStream(head: isHead)
        }

        let resolution = resolver.resolve(path: rawPath)
        let response: PreviewResponse
        if let messages = await coordinator.failureMessages, Self.wantsPage(request, resolution) {
            response = Self.errorPage(messages)
        } else {
            switch resolution {
            case .redirect(let location):
                let query = request.query
                var redirect = Self.text(.movedPermanently, "301 Moved Permanently\n")
                redirect.headers.replaceOrAdd(name: "Location", value: query.isEmpty ? location : location + "?" + query)
                response = redirect
            case .file(let url):
                response = Self.serveFile(url, status: .ok, request: request)
            case .notFound:
                if case .file(let page) = resolver.resolve(path: "/404.html") {
                    response = Self.serveFile(page, status: .notFound, request: nil)
                } else {
                    response = Self.text(.notFound, "404 Not Found\n")
                }
            }
        }
        return isHead ? response.withoutBody : response
    }

    // MARK: - Responses

    private func eventStream(head: Bool) async -> PreviewResponse {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: "Content-Type", value: "text/event-stream; charset=utf-8")
        headers.replaceOrAdd(name: "Cache-Control", value: "no-cache")
        guard !head else { return PreviewResponse(status: .ok, headers: headers, body: .none(length: 0)) }
        let greeting = ReloadBroadcaster.frame(event: "hello", data: await coordinator.buildID)
        let frames = await broadcaster.subscribe(greeting: greeting)
        return PreviewResponse(status: .ok, headers: headers, body: .events(frames))
    }

    /// Serves a file; `request` is nil when conditional headers must not apply (the 404 page).
    private static func serveFile(_ url: URL, status: HTTPResponseStatus, request: PreviewRequest?) -> PreviewResponse {
        let path = url.path
        guard let stamp = FileStamp(path: path) else { return text(.notFound, "404 Not Found\n") }
        let contentType = ContentTypes.contentType(forFileName: url.lastPathComponent)
        let isHTML = ContentTypes.isHTML(contentType)
        let entityTag = stamp.entityTag(variant: isHTML ? "live" : "")

        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: "Content-Type", value: contentType)
        // Always revalidate: a preview must never show a page from before the last build.
        headers.replaceOrAdd(name: "Cache-Control", value: "no-cache")
        headers.replaceOrAdd(name: "ETag", value: entityTag)

        if isHTML {
            // The file may vanish between stat and read when a build swaps the folder in.
            guard let data = try? Data(contentsOf: url) else { return text(.notFound, "404 Not Found\n") }
            let body = ReloadInjector.inject(into: data)
            if let request, matches(request.headers.first(name: "If-None-Match"), entityTag) {
                return notModified(headers, length: body.count)
            }
            return PreviewResponse(status: status, headers: headers, body: .bytes(body))
        }
        if let request, matches(request.headers.first(name: "If-None-Match"), entityTag) {
            return notModified(headers, length: stamp.size)
        }
        if stamp.size > inMemoryLimit {
            return PreviewResponse(status: status, headers: headers, body: .file(url, length: stamp.size))
        }
        guard let data = try? Data(contentsOf: url) else { return text(.notFound, "404 Not Found\n") }
        return PreviewResponse(status: status, headers: headers, body: .bytes(data))
    }

    private static func notModified(_ headers: HTTPHeaders, length: Int) -> PreviewResponse {
        // RFC 9110 §8.6: if sent on a 304, Content-Length must be what the 200 would have carried.
        PreviewResponse(status: .notModified, headers: headers, body: .none(length: length))
    }

    /// Weak comparison, as RFC 9110 §13.1.2 asks for If-None-Match.
    private static func matches(_ header: String?, _ entityTag: String) -> Bool {
        guard let header else { return false }
        let bare = { (tag: Substring) -> Substring in tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
        let wanted = bare(Substring(entityTag))
        return header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || bare(Substring(trimmed)) == wanted
        }
    }

    private static func errorPage(_ messages: [String]) -> PreviewResponse {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: "Content-Type", value: "text/html; charset=utf-8")
        headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return PreviewResponse(status: .internalServerError, headers: headers, body: .bytes(Data(ErrorPage.html(messages: messages).utf8)))
    }

    private static func text(_ status: HTTPResponseStatus, _ body: String) -> PreviewResponse {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.replaceOrAdd(name: "Cache-Control", value: "no-cache")
        return PreviewResponse(status: status, headers: headers, body: .bytes(Data(body.utf8)))
    }

    /// Whether the request is for a page, which gets the error page while the last build failed.
    private static func wantsPage(_ request: PreviewRequest, _ resolution: StaticFileResolver.Resolution) -> Bool {
        switch resolution {
        case .file(let url):
            return ContentTypes.isHTML(ContentTypes.contentType(forFileName: url.lastPathComponent))
        case .redirect:
            return false
        case .notFound:
            return request.headers[canonicalForm: "Accept"].contains { $0.contains("text/html") }
        }
    }
}
