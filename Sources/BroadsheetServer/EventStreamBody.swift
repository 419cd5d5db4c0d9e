import FlyingSocks

/// Adapts a stream of SSE frames to the byte sequence FlyingFox sends (chunked, as frames arrive).
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8

    let frames: AsyncStream<String>

    func makeAsyncIterator() -> Iterator {
        Iterator(frames: frames.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var frames: AsyncStream<String>.Iterator
        private var pending: [UInt8] = []
        private var index = 0

        init(frames: AsyncStream<String>.Iterator) {
            self.frames = frames
        }

        mutating func next() async -> UInt8? {
            if index == pending.count {
                guard let frame = await frames.next() else { return nil }
                pending = Array(frame.utf8)
                index = 0
                if pending.isEmpty { return await next() }
            }
            defer { index += 1 }
            return pending[index]
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if index < pending.count {
                let end = Swift.min(pending.count, index + Swift.max(count, 1))
                defer { index = end }
                return Array(pending[index..<end])
            }
            while true {
                // Ends (nil) when the broadcaster finishes the stream or the connection task is cancelled.
                guard let frame = await frames.next() else { return nil }
                let bytes = Array(frame.utf8)
                guard !bytes.isEmpty else { continue }
                if bytes.count <= Swift.max(count, 1) { return bytes }
                pending = bytes
                index = 0
                return await nextBuffer(suggested: count)
            }
        }
    }
}
