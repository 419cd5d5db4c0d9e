import FlyingFox
import Foundation

/// The one catch-all handler: FlyingFox's own routing answers `GET /` with an empty 200, so paths are resolved here.
struct PreviewRequestHandler: HTTPHandler {
    let resolver: StaticFileResolver
    let coordinator: RebuildCoordinator
    let broadcaster: ReloadBroadcaster

    /// Files up to this size are read whole; larger ones are streamed from disk.
    private static let inMemoryLimit = 1 << 20

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let isHead = request.method == .HEAD
        guard request.method == .GET || isHead else {
            var response = Self.text(.methodNotAllowed, "405 Method Not Allowed\n")
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        let rawPath = request.target.path(percentEncoded: true)
        if rawPath == ReloadInjector.eventsPath {
            return await eventStream(head: isHead)
        }

        let resolution = resolver.resolve(path: rawPath)
        let response: HTTPResponse
        if let messages = await coordinator.failureMessages, Self.wantsPage(request, resolution) {
            response = Self.errorPage(messages)
        } else {
            switch resolution {
            case .redirect(let location):
                let query = request.target.query(percentEncoded: true)
                var redirect = Self.text(.movedPermanently, "301 Moved Permanently\n")
                redirect.headers[.location] = query.isEmpty ? location : location + "?" + query
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
        return isHead ? Self.withoutBody(response) : response
    }

    // MARK: - Responses

    private func eventStream(head: Bool) async -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        guard !head else { return HTTPResponse(statusCode: .ok, headers: headers) }
        let greeting = ReloadBroadcaster.frame(event: "hello", data: await coordinator.buildID)
        let frames = await broadcaster.subscribe(greeting: greeting)
        return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: EventStreamBody(frames: frames)))
    }

    /// Serves a file; `request` is nil when conditional headers must not apply (the 404 page).
    private static func serveFile(_ url: URL, status: HTTPStatusCode, request: HTTPRequest?) -> HTTPResponse {
        let path = url.path
        guard let stamp = FileStamp(path: path) else { return text(.notFound, "404 Not Found\n") }
        let contentType = ContentTypes.contentType(forFileName: url.lastPathComponent)
        let isHTML = ContentTypes.isHTML(contentType)
        let entityTag = stamp.entityTag(variant: isHTML ? "live" : "")

        var headers = HTTPHeaders()
        headers[.contentType] = contentType
        // Always revalidate: a preview must never show a page from before the last build.
        headers[.cacheControl] = "no-cache"
        headers[.eTag] = entityTag

        if isHTML {
            // The file may vanish between stat and read when a build swaps the folder in.
            guard let data = try? Data(contentsOf: url) else { return text(.notFound, "404 Not Found\n") }
            let body = ReloadInjector.inject(into: data)
            if let request, matches(request.headers[.ifNoneMatch], entityTag) {
                return notModified(headers, length: body.count)
            }
            return HTTPResponse(statusCode: status, headers: headers, body: Self.oneWrite(body))
        }
        if let request, matches(request.headers[.ifNoneMatch], entityTag) {
            return notModified(headers, length: stamp.size)
        }
        if stamp.size > inMemoryLimit, let body = try? HTTPBodySequence(file: url) {
            return HTTPResponse(statusCode: status, headers: headers, body: body)
        }
        guard let data = try? Data(contentsOf: url) else { return text(.notFound, "404 Not Found\n") }
        return HTTPResponse(statusCode: status, headers: headers, body: oneWrite(data))
    }

    /// FlyingFox writes bodies in 4 KB pieces by default; a page already in memory goes out in one write.
    private static func oneWrite(_ data: Data) -> HTTPBodySequence {
        HTTPBodySequence(data: data, suggestedBufferSize: Swift.max(data.count, 1))
    }

    private static func notModified(_ headers: HTTPHeaders, length: Int) -> HTTPResponse {
        var headers = headers
        // RFC 9110 §8.6: if sent on a 304, Content-Length must be what the 200 would have carried.
        headers[.contentLength] = String(length)
        return HTTPResponse(statusCode: .notModified, headers: headers)
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

    private static func withoutBody(_ response: HTTPResponse) -> HTTPResponse {
        guard response.headers[.contentLength] == nil, case .httpBody(let body) = response.payload else { return response }
        var headers = response.headers
        if let count = body.count { headers[.contentLength] = String(count) }
        return HTTPResponse(statusCode: response.statusCode, headers: headers)
    }

    private static func errorPage(_ messages: [String]) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return HTTPResponse(statusCode: .internalServerError, headers: headers, body: Data(ErrorPage.html(messages: messages).utf8))
    }

    private static func text(_ status: HTTPStatusCode, _ body: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return HTTPResponse(statusCode: status, headers: headers, body: Data(body.utf8))
    }

    /// Whether the request is for a page, which gets the error page while the last build failed.
    private static func wantsPage(_ request: HTTPRequest, _ resolution: StaticFileResolver.Resolution) -> Bool {
        switch resolution {
        case .file(let url):
            return ContentTypes.isHTML(ContentTypes.contentType(forFileName: url.lastPathComponent))
        case .redirect:
            return false
        case .notFound:
            return request.headers[HTTPHeader("Accept")]?.contains("text/html") ?? false
        }
    }
}
