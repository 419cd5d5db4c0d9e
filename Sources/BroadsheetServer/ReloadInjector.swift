import Foundation

/// Adds the live-reload script to HTML as it is served; build output on disk never contains it.
enum ReloadInjector {
    /// The server-sent events endpoint the script listens to.
    static let eventsPath = "/__broadsheet/events"

    /// Reloads on a `reload` event, and also when a reconnect reveals builds were missed (a `hello` with another build id).
    static let script = """
        <script>(function(){if(!window.EventSource)return;var seen=null;\
        var s=new EventSource("\(eventsPath)");\
        s.addEventListener("hello",function(e){if(seen!==null&&seen!==e.data){location.reload();}seen=e.data;});\
        s.addEventListener("reload",function(){s.close();location.reload();});\
        window.addEventListener("pagehide",function(){s.close();});})();</script>
        """

    /// Returns `html` with the script placed before the last `</body>` (appended when there is none).
    static func inject(into html: Data) -> Data {
        let bytes = [UInt8](html)
        let tag = Array("</body".utf8)
        var result = Data(capacity: bytes.count + script.utf8.count)
        if let index = lastIndex(of: tag, in: bytes) {
            result.append(contentsOf: bytes[..<index])
            result.append(contentsOf: script.utf8)
            result.append(contentsOf: bytes[index...])
        } else {
            result.append(contentsOf: bytes)
            result.append(contentsOf: script.utf8)
        }
        return result
    }

    /// Case-insensitive search from the end: the closing tag is near the end of a page.
    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var start = haystack.count - needle.count
        while start >= 0 {
            var matched = true
            for offset in 0..<needle.count where lowercased(haystack[start + offset]) != needle[offset] {
                matched = false
                break
            }
            if matched { return start }
            start -= 1
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
    }
}
